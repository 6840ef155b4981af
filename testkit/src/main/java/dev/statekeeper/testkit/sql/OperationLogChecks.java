package dev.statekeeper.testkit.sql;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.oplog.LatencySketch;
import dev.statekeeper.core.internal.oplog.MinuteAggregate;
import dev.statekeeper.core.internal.oplog.OperationLogBacked;
import dev.statekeeper.core.internal.oplog.OperationLogStorage;
import dev.statekeeper.core.perf.OperationLog;
import dev.statekeeper.core.perf.OperationStats;
import dev.statekeeper.core.perf.SlowOperation;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The operation log in a SQL store's own tables ({@code operation_minutes}, {@code slow_operations}): the storage
 * round trip, what it does with hostile values and damaged rows, and the log of a store opened with
 * {@link StateStores#open} across a close, with its writer failing for real. Each backend's test extends this with a
 * new database per call of {@link #fresh()}.
 */
public abstract class OperationLogChecks {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    /** Settings (backend, DATABASE_URL) of a store on a new, empty database. */
    protected abstract Settings fresh();

    /** The backend's own store (not timed) on the database the settings name. */
    protected abstract StateStore openBackend(Settings settings);

    /** A plain connection, auto-commit on, to the database the settings name. */
    protected abstract Connection raw(Settings settings) throws SQLException;

    /** The backend's name in slow-operation records. */
    protected abstract String backend();

    /** The settings with the given values set. */
    protected static Settings with(Settings settings, Object... pairs) {
        Settings.Builder b = settings.toBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.set((Setting) pairs[i], String.valueOf(pairs[i + 1]));
        }
        return b.build();
    }

    /** One operation's stats over the last hour as the store's log merges them. */
    protected static OperationStats stats(StateStore store, String operation) {
        List<OperationStats> stats = store.operationLog().stats(Instant.now().minus(Duration.ofHours(1)), operation);
        assertThat(stats).extracting(OperationStats::operation).containsExactly(operation);
        return stats.getFirst();
    }

    private static OperationLogStorage storage(StateStore backendStore) {
        return ((OperationLogBacked) backendStore).operationLogStorage();
    }

    private static MinuteAggregate row(Instant minute, String operation, String instance, long... micros) {
        LatencySketch sketch = new LatencySketch();
        long sum = 0;
        long max = 0;
        for (long m : micros) {
            sketch.record(m);
            sum += m;
            max = Math.max(max, m);
        }
        return new MinuteAggregate(minute, operation, instance, micros.length, 1, 0, sum, max, sketch);
    }

    private static SlowOperation slow(Instant at, String operation, double ms, String requestId) {
        return new SlowOperation(at, operation, ms, "test", "ok", 1, 2.5, "host:1", requestId);
    }

    /** A row as comparable values: the sketch by its encoding. */
    private static List<Object> values(MinuteAggregate r) {
        return List.of(r.minute(), r.operation(), r.instance(), r.count(), r.errors(), r.faults(), r.sumMicros(),
                r.maxMicros(), List.of(r.sketch().count(), r.sketch().quantile(0.5), r.sketch().encode().length));
    }

    @Test
    void storageRoundTripReadsTheWindowFiltersByOperationOrdersSlowOnesAndPrunes() {
        try (StateStore store = openBackend(fresh())) {
            OperationLogStorage storage = storage(store);
            MinuteAggregate a = row(T0, "getLoop", "a:1", 100, 200, 300);
            MinuteAggregate b = row(T0.plusSeconds(60), "getLoop", "a:1", 1_000);
            MinuteAggregate c = row(T0.plusSeconds(60), "getLoop", "a:1", 2_000, 4_000); // the same minute again
            MinuteAggregate d = row(T0.plusSeconds(120), "addFeedback", "b:2", 5_000_000);
            SlowOperation s1 = slow(T0.plusSeconds(10), "getLoop", 1_500.25, null);
            SlowOperation s2 = slow(T0.plusSeconds(70), "addFeedback", 3_000.5, "req-7");
            SlowOperation s3 = slow(T0.plusSeconds(130), "listLoops", 2_000, "req-8");
            storage.write(List.of(a, b, c, d), List.of(s1, s2, s3));

            assertThat(storage.readAll(T0.plusSeconds(60), null)).map(OperationLogChecks::values)
                    .containsExactlyInAnyOrder(values(b), values(c), values(d));
            assertThat(storage.readAll(T0, "getLoop")).map(OperationLogChecks::values)
                    .containsExactlyInAnyOrder(values(a), values(b), values(c));
            assertThat(storage.readAll(T0.plusSeconds(121), null)).isEmpty();
            assertThat(storage.readAll(T0, "nothing")).isEmpty();

            assertThat(storage.readSlow(T0, 10)).containsExactly(s2, s3, s1);
            assertThat(storage.readSlow(T0, 2)).containsExactly(s2, s3);
            assertThat(storage.readSlow(T0.plusSeconds(11), 10)).containsExactly(s2, s3);

            storage.prune(T0.plusSeconds(120));
            assertThat(storage.readAll(Instant.EPOCH, null)).map(OperationLogChecks::values).containsExactly(values(d));
            assertThat(storage.readSlow(Instant.EPOCH, 10)).containsExactly(s3);
            storage.write(List.of(), List.of());
            assertThat(storage.readAll(Instant.EPOCH, null)).hasSize(1);
        }
    }

    @Test
    void hostileValuesAreStoredCutAndCleanedAndHostileReadsAnswerNothing() throws Exception {
        Settings settings = fresh();
        try (StateStore store = openBackend(settings); Connection raw = raw(settings)) {
            OperationLogStorage storage = storage(store);
            String huge = "op\u0001\u0000\n" + "x".repeat(20_000);
            String surrogate = "id\ud800" + "y".repeat(500);
            MinuteAggregate odd = new MinuteAggregate(T0.plusSeconds(59).plusNanos(1), huge, "", 0, 5, -1, -7, -8,
                    new LatencySketch());
            storage.write(List.of(odd), List.of(new SlowOperation(Instant.MAX, huge, Double.NaN, "\t", "", 0,
                    Double.NEGATIVE_INFINITY, huge, surrogate), slow(Instant.MIN, "getLoop", 1_000, "")));

            String cut = "op???" + "x".repeat(95);
            assertThat(storage.readAll(Instant.MIN, null)).singleElement().satisfies(r -> {
                assertThat(List.of(r.minute(), r.operation(), r.instance(), r.count(), r.errors(), r.faults(),
                        r.sumMicros(), r.maxMicros(), r.sketch().count()))
                        .containsExactly(T0, cut, "unknown", 1L, 1L, 0L, 0L, 0L, 0L);
            });
            assertThat(storage.readSlow(Instant.MIN, Integer.MAX_VALUE)).extracting(SlowOperation::at,
                    SlowOperation::operation, SlowOperation::durationMs, SlowOperation::backend,
                    SlowOperation::outcome, SlowOperation::attempts, SlowOperation::poolWaitMs,
                    SlowOperation::requestId).containsExactly(
                    tuple(Instant.parse("0001-01-01T00:00:00Z"), "getLoop", 1_000.0, "test", "ok", 1, 2.5, null),
                    tuple(Instant.parse("9999-12-31T23:59:59Z"), cut, 0.0, "?", "unknown", 1, 0.0,
                            "id?" + "y".repeat(197)));
            assertThat(storage.readSlow(Instant.MIN, 0)).isEmpty();
            assertThat(storage.readSlow(Instant.MIN, -5)).isEmpty();
            assertThat(storage.readAll(Instant.MAX, null)).isEmpty();
            assertThat(storage.readAll(Instant.MIN, "x' OR '1'='1")).isEmpty();
            assertThatThrownBy(() -> storage.readAll(null, null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("since");
            assertThat(RawSql.count(raw, "operation_minutes")).isEqualTo(1);
            assertThat(RawSql.count(raw, "slow_operations")).isEqualTo(2);
        }
    }

    @Test
    void aRowWhoseSketchDoesNotDecodeIsSkippedAndCounted() throws Exception {
        Settings settings = fresh();
        try (StateStore store = openBackend(settings); Connection raw = raw(settings)) {
            OperationLogStorage storage = storage(store);
            MinuteAggregate good = row(T0, "getLoop", "a:1", 100);
            storage.write(List.of(good), List.of());
            for (byte[] damaged : new byte[][] {{9}, {1, 5}, {1, 0, 1, 3, 3}}) {
                try (PreparedStatement copy = raw.prepareStatement("INSERT INTO operation_minutes SELECT minute, "
                        + "operation, instance, count, errors, faults, sum_micros, max_micros, ? FROM operation_minutes "
                        + "LIMIT 1")) {
                    copy.setBytes(1, damaged);
                    assertThat(copy.executeUpdate()).isEqualTo(1);
                }
            }

            assertThat(storage.readAll(T0, null)).map(OperationLogChecks::values).containsExactly(values(good));
            assertThat(damagedRows(store)).isEqualTo(3);
            assertThat(storage.readAll(T0, "getLoop")).hasSize(1);
            assertThat(damagedRows(store)).isEqualTo(6);
        }
    }

    /** How many damaged rows the operation log of the backend's store has skipped. */
    protected abstract long damagedRows(StateStore backendStore);

    @Test
    void operationsThroughStateStoresAreCountedExactlyAcrossAClose() throws Exception {
        Settings settings = fresh();
        String id;
        try (StateStore store = StateStores.open(settings, Clock.systemUTC())) {
            assertThat(store.operationLog().persistent()).isTrue();
            id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
            for (int i = 0; i < 40; i++) {
                store.getLoop(id);
            }
            for (int i = 0; i < 7; i++) {
                assertThatThrownBy(() -> store.getLoop("missing1")).isInstanceOf(StatekeeperException.class);
            }
            for (int i = 0; i < 5; i++) {
                store.addFeedback(id, feedback(1, 50 + i));
            }
        }
        try (Connection raw = raw(settings)) {
            assertThat(RawSql.count(raw, "operation_minutes")).isGreaterThanOrEqualTo(3); // more if a minute turned meanwhile
        }
        try (StateStore store = StateStores.open(settings, Clock.systemUTC())) {
            OperationStats get = stats(store, "getLoop");
            assertThat(List.of(get.count(), get.errors(), get.faults())).containsExactly(47L, 7L, 0L);
            OperationStats add = stats(store, "addFeedback");
            assertThat(List.of(add.count(), add.errors(), add.faults())).containsExactly(5L, 0L, 0L);
            assertThat(add.maxMs()).isPositive().isGreaterThanOrEqualTo(add.p50Ms());
            assertThat(stats(store, "createLoop").count()).isEqualTo(1);
            assertThat(store.operationLog().problem()).isNull();
        }
    }

    @Test
    void withTheLogOffNothingIsWritten() throws Exception {
        Settings settings = with(fresh(), Setting.OPLOG, false);
        try (StateStore store = StateStores.open(settings, Clock.systemUTC())) {
            assertThat(store.operationLog().persistent()).isFalse();
            store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            assertThat(stats(store, "createLoop").count()).isEqualTo(1);
        }
        try (Connection raw = raw(settings)) {
            assertThat(RawSql.count(raw, "operation_minutes")).isZero();
            assertThat(RawSql.count(raw, "slow_operations")).isZero();
        }
    }

    @Test
    void aWriterThatCannotWriteFailsNoOperationAndWritesWhatItKeptOnceItCan() throws Exception {
        Settings settings = with(fresh(), Setting.SLOW_OPERATION_MS, 1);
        try (StateStore store = StateStores.open(settings, Clock.systemUTC()); Connection raw = raw(settings)) {
            OperationLog log = store.operationLog();
            String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
            RawSql.execute(raw, "ALTER TABLE operation_minutes RENAME TO operation_minutes_away");
            // the log's own once-a-minute flush may have written the create before the rename
            long slowBefore = RawSql.count(raw, "slow_operations");
            for (int i = 0; i < 30; i++) {
                store.getLoop(id);
            }
            log.flush();
            // the write failed, and so did the prune after it: the problem is the last failure, naming the table
            assertThat(log.problem()).startsWith("could not ").contains(" the stored operation log: ")
                    .contains("operation_minutes");
            String problem = log.problem();
            for (int i = 0; i < 30; i++) {
                store.addFeedback(id, feedback(1, i));
            }
            log.flush();
            assertThat(log.problem()).isEqualTo(problem);
            assertThat(RawSql.count(raw, "slow_operations")).as("one transaction: nothing half-written")
                    .isEqualTo(slowBefore);
            assertThat(stats(store, "getLoop").count()).isEqualTo(30); // what it keeps is still read

            RawSql.execute(raw, "ALTER TABLE operation_minutes_away RENAME TO operation_minutes");
            log.flush();
            assertThat(log.problem()).isNull();
            assertThat(RawSql.count(raw, "operation_minutes")).isGreaterThanOrEqualTo(3);
            assertThat(RawSql.count(raw, "slow_operations")).isPositive();
        }
        try (StateStore store = StateStores.open(settings, Clock.systemUTC())) {
            assertThat(stats(store, "getLoop").count()).isEqualTo(30);
            assertThat(stats(store, "addFeedback").count()).isEqualTo(30);
            assertThat(stats(store, "createLoop").count()).isEqualTo(1);
            assertThat(store.operationLog().slow(Instant.now().minus(Duration.ofHours(1)), 1_000))
                    .allSatisfy(s -> assertThat(s.backend()).isEqualTo(backend()));
        }
    }
}
