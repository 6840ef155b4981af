package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;
import dev.statekeeper.testkit.postgres.PostgresServer.Shutdown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults injected into a real PostgreSQL server of the test's own while a store is busy on it: the server
 * restarted (fast and immediate shutdown), every Statekeeper backend terminated. Four threads append
 * feedback, each entry tagged with a unique summary, and read loops; afterwards every append that returned
 * is in the database exactly once, none is there twice, and every failure was reported as retryable. The
 * counts of each run are written to target/faults/.
 */
class PostgresFaultsTest {
    private static final int THREADS = 4;
    private static final int LOOPS = 8;
    private static PostgresServer server;

    @BeforeAll
    static void startServer() {
        // durable, unlike the shared test server: an immediate shutdown must not lose an acknowledged commit
        server = PostgresServer.startPrivate(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"));
    }

    @AfterAll
    static void stopServer() {
        server.shutDown(Shutdown.FAST);
    }

    @Test
    void theOperationLogRidesOutARestartAndWritesWhatItKeptOnceTheServerIsBack() {
        String database = server.createDatabase();
        // one try per write, so the log's writer meets the stopped server at once rather than retrying past it
        Settings settings = settings(database).toBuilder().set(Setting.RETRY_ATTEMPTS, "1").build();
        Instant start = Instant.now().minusSeconds(60);
        try (StateStore store = StateStores.open(settings)) {
            for (int i = 0; i < 25; i++) {
                store.activeLoops();
            }
            store.operationLog().flush();
            for (int i = 0; i < 15; i++) {
                store.activeLoops();
            }
            server.shutDown(Shutdown.FAST);
            try {
                store.operationLog().flush();

                assertThat(store.operationLog().problem()).startsWith("could not write the stored operation log: ");
                assertThat(store.operationLog().stats(start, "activeLoops").getFirst().count())
                        .as("what the stored log held is unreadable; what the process holds is still counted")
                        .isEqualTo(15);
            } finally {
                server.restart();
            }
            // the pool finds its connections cut: a flush may meet one dead connection before a fresh one
            for (int i = 0; i < 5 && store.operationLog().problem() != null; i++) {
                store.operationLog().flush();
            }
            assertThat(store.operationLog().problem()).isNull();
        }
        try (StateStore reopened = StateStores.open(settings)) {
            assertThat(reopened.operationLog().stats(start, "activeLoops")).singleElement()
                    .satisfies(s -> assertThat(s.count()).isEqualTo(40));
        }
    }

    private static Settings settings(String database) {
        return Settings.builder().set(Setting.BACKEND, "postgres").set(Setting.DATABASE_URL, server.url(database))
                .set(Setting.POOL_MIN_SIZE, "2").set(Setting.POOL_MAX_SIZE, "6").set(Setting.POOL_TIMEOUT, "30")
                .set(Setting.RETRY_ATTEMPTS, "20").set(Setting.RETRY_BASE_DELAY, "0.05").set(Setting.RETRY_MAX_TIME, "30")
                .build();
    }

    @ParameterizedTest
    @EnumSource(Shutdown.class)
    void aRestartedServerIsRecoveredFromWithoutLosingOrRepeatingAnAcknowledgedWrite(Shutdown mode) throws Exception {
        String database = server.createDatabase();
        try (PostgresStateStore store = PostgresStateStore.open(settings(database), new TestClock());
             Workload work = new Workload(store)) {
            work.awaitAcknowledged(40);
            server.shutDown(mode);
            server.restart();
            int before = work.acknowledged();
            work.awaitAcknowledged(before + 40);
            work.stop();

            Report report = work.check(database);
            report.write("restart-" + mode.name().toLowerCase());
            assertThat(report.duplicated).isZero();
            assertThat(report.missing).isZero();
            assertThat(work.failureCodes()).isSubsetOf(Set.of(ErrorCode.BACKEND_UNAVAILABLE, ErrorCode.WRITE_OUTCOME_UNKNOWN));
        }
    }

    @Test
    void terminatedBackendsAreRecoveredFromTransparently() throws Exception {
        String database = server.createDatabase();
        try (PostgresStateStore store = PostgresStateStore.open(settings(database), new TestClock());
             Workload work = new Workload(store);
             Connection admin = server.connect("postgres")) {
            int terminated = 0;
            for (int round = 0; round < 5; round++) {
                work.awaitAcknowledged(work.acknowledged() + 15);
                try (Statement s = admin.createStatement();
                     ResultSet rows = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                             + "WHERE datname = '" + database + "' AND application_name = 'statekeeper'")) {
                    rows.next();
                    terminated += rows.getInt(1);
                }
            }
            work.awaitAcknowledged(work.acknowledged() + 15);
            work.stop();

            Report report = work.check(database);
            report.write("terminate-backends (" + terminated + " backends terminated)");
            assertThat(terminated).isPositive();
            assertThat(work.failures).isEmpty();
            assertThat(report.duplicated).isZero();
            assertThat(report.missing).isZero();
        }
    }

    /** Threads appending tagged feedback to a few loops (and reading them back) until stopped. */
    private static final class Workload implements AutoCloseable {
        private final PostgresStateStore store;
        private final List<String> loops = new ArrayList<>();
        private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        private final Map<String, StatekeeperException> failures = new ConcurrentHashMap<>();
        private final AtomicInteger attempted = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        private final List<Future<?>> workers = new ArrayList<>();

        Workload(PostgresStateStore store) {
            this.store = store;
            for (int i = 0; i < LOOPS; i++) {
                loops.add(store.createLoop(NewLoop.of("faults", LoopType.SPEC)).id());
            }
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(threads.submit(() -> run(thread)));
            }
        }

        private void run(int thread) {
            for (int n = 0; running.get(); n++) {
                String loop = loops.get((thread + n) % loops.size());
                String tag = "w" + thread + "-" + n;
                attempted.incrementAndGet();
                try {
                    store.addFeedback(loop, CriticFeedback.builder().criticAgent("critic").iteration(1)
                            .overallScore(50 + n % 50).assessmentSummary(tag).build());
                    acknowledged.add(tag);
                    store.getLoop(loop);
                } catch (StatekeeperException e) {
                    failures.put(tag, e);
                }
            }
        }

        int acknowledged() {
            return acknowledged.size();
        }

        /** Waits until at least {@code count} appends were acknowledged (bounded: fails after two minutes). */
        void awaitAcknowledged(int count) throws InterruptedException {
            await(() -> acknowledged.size() >= count, "acknowledged appends to reach " + count);
        }

        private void await(BooleanSupplier condition, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out waiting for " + what + "; failures so far: " + failures);
                }
                Thread.onSpinWait();
                Thread.sleep(1);
            }
        }

        void stop() throws Exception {
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
        }

        Set<ErrorCode> failureCodes() {
            Set<ErrorCode> codes = ConcurrentHashMap.newKeySet();
            failures.values().forEach(e -> codes.add(e.code()));
            return codes;
        }

        Report check(String database) throws Exception {
            Map<String, Integer> stored = new HashMap<>();
            try (Connection raw = server.connect(database); Statement s = raw.createStatement();
                 ResultSet rows = s.executeQuery("SELECT assessment_summary, count(*) FROM critic_feedback "
                         + "GROUP BY assessment_summary")) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getInt(2));
                }
            }
            long duplicated = stored.values().stream().filter(c -> c > 1).count();
            long missing = acknowledged.stream().filter(tag -> !stored.containsKey(tag)).count();
            long failedButPresent = failures.keySet().stream().filter(stored::containsKey).count();
            return new Report(attempted.get(), acknowledged.size(), failures.size(), stored.size(), duplicated, missing,
                    failedButPresent);
        }

        @Override
        public void close() {
            running.set(false);
            threads.shutdownNow();
        }
    }

    private record Report(int attempted, int acknowledged, int failed, int present, long duplicated, long missing,
                          long failedButPresent) {
        void write(String fault) throws IOException {
            Path dir = Path.of("target", "faults");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(fault.replaceAll("[^a-z-]", "") + ".txt"), fault + ": " + this + "\n");
        }
    }
}
