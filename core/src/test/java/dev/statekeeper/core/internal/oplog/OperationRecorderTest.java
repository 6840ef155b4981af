package dev.statekeeper.core.internal.oplog;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.perf.OperationLog;
import dev.statekeeper.core.perf.OperationStats;
import dev.statekeeper.core.perf.RequestTag;
import dev.statekeeper.core.perf.SlowOperation;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OperationRecorderTest {
    private static final Instant NOON = Instant.parse("2026-12-02T12:00:00Z");

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = NOON;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Storage in a list, which can be made to fail like a database that went away. */
    private static final class ListStorage implements OperationLogStorage {
        final List<MinuteAggregate> rows = new ArrayList<>();
        final List<SlowOperation> slow = new ArrayList<>();
        boolean down;

        @Override
        public void write(List<MinuteAggregate> minutes, List<SlowOperation> records) {
            if (down) {
                throw new StatekeeperException(ErrorCode.BACKEND_UNAVAILABLE, "the database went away");
            }
            rows.addAll(minutes);
            slow.addAll(records);
        }

        @Override
        public void read(Instant since, String operation, java.util.function.Consumer<MinuteAggregate> sink) {
            if (down) {
                throw new StatekeeperException(ErrorCode.BACKEND_UNAVAILABLE, "the database went away");
            }
            rows.stream().filter(r -> !r.minute().isBefore(since)).forEach(sink);
        }

        @Override
        public List<SlowOperation> readSlow(Instant since, int limit) {
            return slow;
        }

        @Override
        public void prune(Instant before) {
            rows.removeIf(r -> r.minute().isBefore(before));
        }
    }

    private static OperationRecorder recorder(OperationLogStorage storage, Clock clock) {
        return new OperationRecorder("memory", storage, 1000, Duration.ofDays(7), clock);
    }

    private static void run(OperationRecorder log, String operation, long micros) {
        log.ended(operation, "ok", false, false, micros * 1000, Probe.start());
    }

    @Test
    void everyOperationOfTheStoreIsTimedInTheOnePlace() throws Exception {
        List<String> untimed = new ArrayList<>();
        for (Method method : StateStore.class.getMethods()) {
            boolean operation = Modifier.isAbstract(method.getModifiers()) || method.getName().equals("ping");
            if (operation && TimedStore.class.getMethod(method.getName(), method.getParameterTypes())
                    .getDeclaringClass() != TimedStore.class) {
                untimed.add(method.getName());
            }
        }
        assertThat(untimed).isEmpty();
    }

    @Test
    void aStoreOpenedByStateStoresCountsEveryCallWithItsOutcome() {
        try (StateStore store = StateStores.open(Settings.builder().backend("memory").build())) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            for (int i = 0; i < 3; i++) {
                store.getLoop(loop.id());
            }
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> store.getLoop("no-such-loop")).isInstanceOf(StatekeeperException.class);
            }

            List<OperationStats> stats = store.operationLog().stats(Instant.now().minus(Duration.ofHours(1)), null);

            assertThat(stats).extracting(OperationStats::operation, OperationStats::count, OperationStats::errors,
                            OperationStats::faults)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("getLoop", 5L, 2L, 0L),
                            org.assertj.core.groups.Tuple.tuple("createLoop", 1L, 0L, 0L));
            assertThat(store.operationLog().persistent()).isFalse();
            assertThat(store.operationLog().stats(Instant.now().minus(Duration.ofHours(1)), "createLoop"))
                    .extracting(OperationStats::operation).containsExactly("createLoop");
        }
    }

    @Test
    void percentilesReadFromTheLogAreWithinOnePercentOfTheExactOnes() {
        OperationRecorder log = recorder(null, Clock.fixed(NOON, ZoneOffset.UTC));
        Random random = new Random(14);
        long[] micros = new long[10_000];
        long sum = 0;
        for (int i = 0; i < micros.length; i++) {
            micros[i] = 50 + (long) Math.exp(6 + random.nextGaussian());
            sum += micros[i];
            run(log, "getLoop", micros[i]);
        }
        Arrays.sort(micros);

        OperationStats stats = log.stats(NOON, "getLoop").get(0);

        assertThat(stats.count()).isEqualTo(10_000);
        assertThat(stats.avgMs()).isCloseTo(sum / 1e3 / micros.length, within(1e-9));
        assertThat(stats.maxMs()).isEqualTo(micros[micros.length - 1] / 1e3);
        for (double[] q : new double[][] {{0.5, stats.p50Ms()}, {0.95, stats.p95Ms()}, {0.99, stats.p99Ms()}}) {
            double exact = micros[(int) Math.ceil(q[0] * micros.length) - 1] / 1e3;
            assertThat(q[1]).as("p%s", q[0] * 100).isCloseTo(exact, within(exact * LatencySketch.RELATIVE_ACCURACY));
        }
    }

    @Test
    void minutesBeforeTheWindowDoNotCountAndTheMinuteItStartsInCountsWhole() {
        MovingClock clock = new MovingClock();
        OperationRecorder log = recorder(null, clock);
        run(log, "getLoop", 100);
        clock.now = NOON.plusSeconds(61);
        run(log, "getLoop", 100);
        run(log, "getLoop", 100);

        assertThat(log.stats(NOON.plusSeconds(90), null).get(0).count()).isEqualTo(2);
        assertThat(log.stats(NOON.plusSeconds(30), null).get(0).count()).isEqualTo(3);
        assertThat(log.stats(NOON.plusSeconds(120), null)).isEmpty();
    }

    @Test
    void aMinuteCountedOnSeveralThreadsIsWrittenAsOneRow() throws InterruptedException {
        ListStorage storage = new ListStorage();
        OperationRecorder log = recorder(storage, Clock.fixed(NOON, ZoneOffset.UTC));
        try {
            List<Thread> threads = new ArrayList<>();
            for (int t = 1; t <= 8; t++) {
                long micros = t * 100L;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 10; i++) {
                        run(log, "getLoop", micros);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            run(log, "ping", 50);

            log.flush();

            assertThat(storage.rows).extracting(MinuteAggregate::operation).containsExactlyInAnyOrder("getLoop", "ping");
            MinuteAggregate getLoop = storage.rows.stream().filter(r -> r.operation().equals("getLoop")).findFirst()
                    .orElseThrow();
            assertThat(getLoop.count()).isEqualTo(80);
            assertThat(getLoop.sumMicros()).isEqualTo(10 * (100 + 200 + 300 + 400 + 500 + 600 + 700 + 800));
            assertThat(getLoop.maxMicros()).isEqualTo(800);
            assertThat(getLoop.sketch().quantile(1.0)).isCloseTo(800, within(8.0));
        } finally {
            log.close();
        }
    }

    @Test
    void whatCouldNotBeWrittenIsKeptAndWrittenWhenTheStorageIsBack() {
        ListStorage storage = new ListStorage();
        OperationRecorder log = recorder(storage, Clock.fixed(NOON, ZoneOffset.UTC));
        try {
            run(log, "addFeedback", 300);
            storage.down = true;

            log.flush();
            run(log, "addFeedback", 300);

            assertThat(log.problem()).isEqualTo("could not write the stored operation log: backend-unavailable: "
                    + "the database went away");
            assertThat(storage.rows).isEmpty();
            // reading while the storage is down answers with what this process holds
            assertThat(log.stats(NOON, null).get(0).count()).isEqualTo(2);

            storage.down = false;
            log.flush();

            assertThat(log.problem()).isNull();
            assertThat(storage.rows).extracting(MinuteAggregate::count).containsExactlyInAnyOrder(1L, 1L);
            assertThat(log.stats(NOON, null).get(0).count()).isEqualTo(2);
        } finally {
            log.close();
        }
    }

    @Test
    @SuppressWarnings("try") // the tag is opened for what it does to the thread
    void aSlowOperationIsRecordedWithWhatTheBackendToldAndTheRequestId() {
        ListStorage storage = new ListStorage();
        OperationRecorder log = recorder(storage, Clock.fixed(NOON, ZoneOffset.UTC));
        try (RequestTag tag = RequestTag.open("req-7\u0007")) {
            Probe probe = Probe.start();
            Probe.attempt();
            Probe.attempt();
            Probe.poolWait(2_500_000);
            log.ended("decide", "database-busy", true, true, 1_500_000_000L, probe);
            run(log, "decide", 999_000);
        } finally {
            log.close();
        }

        assertThat(storage.slow).containsExactly(new SlowOperation(NOON, "decide", 1500.0, "memory", "database-busy",
                2, 2.5, OperationRecorder.Instance.ID, "req-7?"));
        assertThat(RequestTag.current()).isNull();
        assertThat(log.slow(NOON, 10)).hasSize(1);
        assertThat(log.stats(NOON, "decide").get(0)).extracting(OperationStats::errors, OperationStats::faults)
                .containsExactly(1L, 1L);
    }

    @Test
    void aListenerThatThrowsDoesNotFailTheOperation() {
        try (StateStore store = StateStores.open(Settings.builder().backend("memory").build())) {
            AtomicInteger told = new AtomicInteger();
            store.operationLog().addListener((operation, outcome, nanos) -> {
                told.incrementAndGet();
                throw new IllegalStateException("a broken listener");
            });

            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));

            assertThat(store.getLoop(loop.id()).id()).isEqualTo(loop.id());
            assertThat(told).hasValue(2);
        }
    }

    @Test
    void withTheLogOffTheStoreIsStillTimedInTheProcess() {
        Settings settings = Settings.builder().backend("memory").set(Setting.OPLOG, false).build();
        try (StateStore store = StateStores.open(settings)) {
            store.activeLoops();
            OperationLog log = store.operationLog();

            assertThat(log.persistent()).isFalse();
            assertThat(log.stats(Instant.now().minusSeconds(120), null)).extracting(OperationStats::count)
                    .containsExactly(1L);
        }
    }
}
