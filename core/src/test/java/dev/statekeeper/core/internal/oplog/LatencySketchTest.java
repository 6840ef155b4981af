package dev.statekeeper.core.internal.oplog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LatencySketchTest {
    private static final double[] QUANTILES = {0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0};

    /** The value of nearest rank: the smallest with at least q * n values at or below it. */
    private static long exact(long[] sorted, double q) {
        int rank = (int) Math.max(1, Math.ceil(q * sorted.length));
        return sorted[rank - 1];
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2026})
    void everyQuantileIsWithinOnePercentOfTheExactValueOfItsRank(long seed) {
        Random random = new Random(seed);
        long[] values = new long[20_000];
        LatencySketch sketch = new LatencySketch();
        for (int i = 0; i < values.length; i++) {
            // log-normal around 2 ms with a long tail, as store operations are
            values[i] = 2 + (long) Math.exp(7.6 + 1.3 * random.nextGaussian());
            sketch.record(values[i]);
        }
        Arrays.sort(values);

        for (double q : QUANTILES) {
            double exact = exact(values, q);
            assertThat(sketch.quantile(q)).as("q=%s", q).isCloseTo(exact, within(exact * LatencySketch.RELATIVE_ACCURACY));
        }
        assertThat(sketch.count()).isEqualTo(values.length);
    }

    @Test
    void twoSketchesMergeIntoWhatOneSketchOfAllTheValuesHolds() {
        Random random = new Random(3);
        LatencySketch all = new LatencySketch();
        LatencySketch first = new LatencySketch();
        LatencySketch second = new LatencySketch();
        for (int i = 0; i < 5_000; i++) {
            long value = 1 + random.nextInt(1_000_000);
            all.record(value);
            (i % 3 == 0 ? first : second).record(value);
        }

        first.merge(second);

        assertThat(first.encode()).isEqualTo(all.encode());
        for (double q : QUANTILES) {
            assertThat(first.quantile(q)).isEqualTo(all.quantile(q));
        }
    }

    @Test
    void theEncodedFormReadsBackAsTheSameSketchAndIsSmall() {
        LatencySketch sketch = new LatencySketch();
        for (long v = 100; v < 200; v++) {
            sketch.record(v);
        }
        sketch.record(5_000_000);

        byte[] bytes = sketch.encode();
        LatencySketch read = LatencySketch.decode(bytes);

        assertThat(read.encode()).isEqualTo(bytes);
        assertThat(read.count()).isEqualTo(101);
        assertThat(read.quantile(0.5)).isEqualTo(sketch.quantile(0.5));
        assertThat(new LatencySketch().encode()).hasSize(1);
        assertThat(LatencySketch.decode(new LatencySketch().encode()).count()).isZero();
    }

    @Test
    void valuesOutsideTheRangeAreCountedAtItsEnds() {
        LatencySketch sketch = new LatencySketch();
        sketch.record(-5);
        sketch.record(0);
        sketch.record(Long.MAX_VALUE);

        assertThat(sketch.count()).isEqualTo(3);
        assertThat(sketch.quantile(0.5)).isEqualTo(1.0);
        assertThat(sketch.quantile(1.0)).isGreaterThan(1e10);
        assertThat(new LatencySketch().quantile(0.99)).isZero();
    }

    @Test
    void bytesThatAreNotASketchAreRefusedWithTheReason() {
        assertThatThrownBy(() -> LatencySketch.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a latency sketch of format 1");
        assertThatThrownBy(() -> LatencySketch.decode(null)).hasMessage("not a latency sketch of format 1");
        assertThatThrownBy(() -> LatencySketch.decode(new byte[] {2, 0})).hasMessage("not a latency sketch of format 1");
        assertThatThrownBy(() -> LatencySketch.decode(new byte[] {1, (byte) 0x80}))
                .hasMessage("latency sketch ends inside a number");
        assertThatThrownBy(() -> LatencySketch.decode(new byte[] {1, (byte) 0x90, 0x10, 1, 1}))
                .hasMessage("latency sketch buckets out of range: 2064 + 1");
        assertThatThrownBy(() -> LatencySketch.decode(new byte[] {1, 0, 1, 1, 9}))
                .hasMessage("latency sketch has 1 bytes too many");
        byte[] overflowing = {1, (byte) 0xFE, -1, -1, -1, -1, -1, -1, -1, 0x7F, 5, 1, 1, 1, 1, 1};
        assertThatThrownBy(() -> LatencySketch.decode(overflowing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("latency sketch buckets out of range: ");
        assertThatThrownBy(() -> LatencySketch.decode(new byte[] {1, 0, (byte) 0x88, 0x09}))
                .as("a span longer than the bytes that could hold it").hasMessage("latency sketch ends inside a number");
        byte[] endless = new byte[20];
        Arrays.fill(endless, (byte) 0xFF);
        endless[0] = 1;
        assertThatThrownBy(() -> LatencySketch.decode(endless)).hasMessage("latency sketch number longer than 64 bits");
    }
}
