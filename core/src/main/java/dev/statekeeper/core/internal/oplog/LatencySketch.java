package dev.statekeeper.core.internal.oplog;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A mergeable latency histogram with a relative-error guarantee: the DDSketch scheme (Masson, Rim, Lee, VLDB 2019)
 * on a fixed range. A duration in microseconds falls in bucket {@code ceil(log_gamma(v))} with
 * {@code gamma = (1 + a) / (1 - a)}, {@code a = 1 %}; a quantile answers the bucket's midpoint
 * {@code 2 gamma^i / (gamma + 1)}, which is within 1 % of every value the bucket holds. So p50/p95/p99 read from a
 * sketch are within 1 % of the exact percentile of the recorded values, and two sketches merge exactly by adding
 * their counts: per minute, per process, per instance.
 *
 * <p>Written here rather than taken from HdrHistogram or sketches-java: neither jar names its module (both would be
 * filename-based automatic modules in Statekeeper's named {@code dev.statekeeper.core}, which Maven warns must not be
 * published), and sketches-java brings protobuf. The scheme is 100 lines.
 *
 * <p>Range: 1 µs to about 2 h 40 min (values beyond are counted in the last bucket, values below 1 µs in the
 * first). Only the span of buckets in use is held: a minute of one operation, whose durations spread over a factor of
 * ten or a hundred, holds 120 to 240 counts rather than all {@value #BUCKETS}. Not thread-safe:
 * {@link OperationRecorder} guards each sketch.
 */
public final class LatencySketch {
    /** The relative accuracy of every quantile. */
    public static final double RELATIVE_ACCURACY = 0.01;
    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);
    /** Buckets: index 0 holds [0, 1] µs; the last, about 10^10 µs and more. */
    static final int BUCKETS = 1_160;
    private static final byte FORMAT = 1;

    private static final long[] EMPTY = {};

    /** Counts of buckets {@code offset} to {@code offset + counts.length - 1}: only the span used is held. */
    private long[] counts = EMPTY;
    private int offset;
    private long total;
    private int lowest = BUCKETS;
    private int highest = -1;

    /** Counts one duration. @param micros the duration in microseconds (negative counts as 0) */
    public void record(long micros) {
        int index = index(micros);
        if (index < offset || index >= offset + counts.length) {
            cover(index, index);
        }
        counts[index - offset]++;
        total++;
        lowest = Math.min(lowest, index);
        highest = Math.max(highest, index);
    }

    /** Adds every count of another sketch to this one. @param other the sketch to merge in */
    public void merge(LatencySketch other) {
        if (other.total == 0) {
            return;
        }
        cover(other.lowest, other.highest);
        for (int i = other.lowest; i <= other.highest; i++) {
            counts[i - offset] += other.counts[i - other.offset];
        }
        total += other.total;
        lowest = Math.min(lowest, other.lowest);
        highest = Math.max(highest, other.highest);
    }

    /** @return how many durations were recorded */
    public long count() {
        return total;
    }

    /**
     * The value at a quantile, within {@link #RELATIVE_ACCURACY} of the recorded value of that rank (the
     * nearest-rank definition: the smallest value with at least {@code q * count} values at or below it).
     *
     * @param q the quantile, 0 to 1
     * @return the duration in microseconds, 0 when nothing was recorded
     */
    public double quantile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = lowest; i <= highest; i++) {
            seen += counts[i - offset];
            if (seen >= rank) {
                return value(i);
            }
        }
        return value(highest);
    }

    /** @return a copy, which the caller owns */
    public LatencySketch copy() {
        LatencySketch copy = new LatencySketch();
        copy.merge(this);
        return copy;
    }

    /**
     * The compact form stored in the operation log: a format byte, then the lowest bucket index and the count of
     * every bucket from the lowest to the highest, each as an unsigned varint. A minute of one operation takes a few
     * dozen bytes.
     *
     * @return the bytes
     */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + Math.max(0, highest - lowest + 1));
        out.write(FORMAT);
        if (total > 0) {
            varint(out, lowest);
            varint(out, highest - lowest + 1);
            for (int i = lowest; i <= highest; i++) {
                varint(out, counts[i - offset]);
            }
        }
        return out.toByteArray();
    }

    /**
     * Reads what {@link #encode()} wrote.
     *
     * @param bytes the stored form
     * @return the sketch
     * @throws IllegalArgumentException when the bytes are not a sketch of this format
     */
    public static LatencySketch decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes[0] != FORMAT) {
            throw new IllegalArgumentException("not a latency sketch of format " + FORMAT);
        }
        LatencySketch sketch = new LatencySketch();
        int[] at = {1};
        if (bytes.length == 1) {
            return sketch;
        }
        long lowest = readVarint(bytes, at);
        long span = readVarint(bytes, at);
        if (lowest < 0 || lowest >= BUCKETS || span < 1 || span > BUCKETS - lowest) {
            throw new IllegalArgumentException("latency sketch buckets out of range: " + lowest + " + " + span);
        }
        if (span > bytes.length) {
            throw new IllegalArgumentException("latency sketch ends inside a number");
        }
        sketch.cover((int) lowest, (int) (lowest + span - 1));
        for (int i = 0; i < span; i++) {
            long count = readVarint(bytes, at);
            if (count < 0 || sketch.total + count < 0) {
                throw new IllegalArgumentException("latency sketch count out of range");
            }
            if (count > 0) {
                int index = (int) lowest + i;
                sketch.counts[index - sketch.offset] = count;
                sketch.total += count;
                sketch.lowest = Math.min(sketch.lowest, index);
                sketch.highest = Math.max(sketch.highest, index);
            }
        }
        if (at[0] != bytes.length) {
            throw new IllegalArgumentException("latency sketch has " + (bytes.length - at[0]) + " bytes too many");
        }
        return sketch;
    }

    static int index(long micros) {
        if (micros <= 1) {
            return 0;
        }
        int index = (int) Math.ceil(Math.log(micros) / LOG_GAMMA);
        return Math.min(index, BUCKETS - 1);
    }

    static double value(int index) {
        return index == 0 ? 1 : 2 * Math.pow(GAMMA, index) / (GAMMA + 1);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(byte[] bytes, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= bytes.length) {
                throw new IllegalArgumentException("latency sketch ends inside a number");
            }
            byte b = bytes[at[0]++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("latency sketch number longer than 64 bits");
    }

    @Override
    public String toString() {
        return "LatencySketch[count=" + total + ", buckets=" + (total == 0 ? "[]"
                : Arrays.toString(Arrays.copyOfRange(counts, lowest - offset, highest - offset + 1))) + "]";
    }

    /** Grows the held span to cover buckets {@code from} to {@code to}, with room to grow either way. */
    private void cover(int from, int to) {
        int held = counts.length;
        if (held > 0 && from >= offset && to < offset + held) {
            return;
        }
        int lo = held == 0 ? from : Math.min(offset, from);
        int hi = held == 0 ? to : Math.max(offset + held - 1, to);
        int slack = Math.max(8, (hi - lo + 1) / 4);
        lo = Math.max(0, lo - slack);
        hi = Math.min(BUCKETS - 1, hi + slack);
        long[] grown = new long[hi - lo + 1];
        if (held > 0) {
            System.arraycopy(counts, 0, grown, offset - lo, held);
        }
        counts = grown;
        offset = lo;
    }
}
