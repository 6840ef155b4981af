package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.perf.OperationStats;
import dev.statekeeper.core.perf.SlowOperation;
import dev.statekeeper.testkit.SecondJvm;
import dev.statekeeper.testkit.sql.OperationLogChecks;
import dev.statekeeper.testkit.sql.RawSql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operation log in a SQLite file: the shared checks, two JVMs on one file, and a slow write made for real. */
class SqliteOperationLogTest extends OperationLogChecks {
    private static final AtomicInteger FILES = new AtomicInteger();

    @TempDir
    Path dir;

    @Override
    protected Settings fresh() {
        return Settings.builder().set(Setting.DATABASE_URL, "sqlite:" + dir.resolve("state-" + FILES.incrementAndGet()
                + ".db")).set(Setting.SQLITE_BUSY_TIMEOUT, "30").build();
    }

    @Override
    protected StateStore openBackend(Settings settings) {
        return SqliteStateStore.open(settings, Clock.systemUTC());
    }

    @Override
    protected Connection raw(Settings settings) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(30_000); // the store's writer may hold the file for a moment
        return config.createConnection("jdbc:" + settings.raw(Setting.DATABASE_URL));
    }

    @Override
    protected String backend() {
        return "sqlite";
    }

    @Override
    protected long damagedRows(StateStore backendStore) {
        return ((SqliteStateStore) backendStore).operationLogStorage().damagedRows();
    }

    @Test
    void twoJvmsOnOneFileAreCountedExactly() throws Exception {
        Settings settings = fresh();
        String file = settings.raw(Setting.DATABASE_URL).substring("sqlite:".length());
        try (StateStore store = StateStores.open(settings, Clock.systemUTC());
             ExecutorService threads = Executors.newCachedThreadPool()) {
            String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
            Future<List<String>> other = threads.submit(() -> SecondJvm.run(dir, OperationLogProcess.class, file, id,
                    "700"));
            for (int i = 0; i < 300; i++) {
                store.getLoop(id);
            }
            assertThat(other.get(120, TimeUnit.SECONDS)).containsExactly("done");
        }
        try (StateStore store = StateStores.open(settings, Clock.systemUTC())) {
            OperationStats get = stats(store, "getLoop");
            assertThat(List.of(get.count(), get.errors(), get.faults())).containsExactly(1_000L, 0L, 0L);
            try (Connection raw = raw(settings)) {
                assertThat(RawSql.text(raw, "SELECT count(DISTINCT instance) FROM operation_minutes "
                        + "WHERE operation = 'getLoop'")).isEqualTo("2");
            }
        }
    }

    /**
     * Another connection holds the write lock ({@code BEGIN IMMEDIATE}, a long-running writer) while the store adds
     * feedback: the store waits inside SQLite's busy handler until the writer commits, at least the threshold.
     */
    @Test
    void aWriteThatWaitsForAnotherWriterIsRecordedAsSlow() throws Exception {
        Settings settings = with(fresh(), Setting.SLOW_OPERATION_MS, 50);
        Instant since = Instant.now();
        // closed the other way round: the lock goes before the thread is waited for, and it before the store
        try (StateStore store = StateStores.open(settings, Clock.systemUTC());
             ExecutorService threads = Executors.newCachedThreadPool(); Connection writer = raw(settings)) {
            String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
            RawSql.execute(writer, "BEGIN IMMEDIATE");
            RawSql.execute(writer, "UPDATE loop_states SET current_score = 1 WHERE id = '" + id + "'");
            AtomicReference<Thread> worker = new AtomicReference<>();
            Future<LoopSummary> add = threads.submit(() -> {
                worker.set(Thread.currentThread());
                return store.addFeedback(id, feedback(1, 70));
            });
            awaitInsideSqlite(worker);
            // the deliberate hold: the write cannot end while the lock is held, for at least the threshold
            assertThatThrownBy(() -> add.get(50, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            RawSql.execute(writer, "COMMIT");
            assertThat(add.get(30, TimeUnit.SECONDS).feedbackCount()).isEqualTo(1);
        }
        try (StateStore store = StateStores.open(settings, Clock.systemUTC())) {
            List<SlowOperation> slow = store.operationLog().slow(since, 10).stream()
                    .filter(s -> s.operation().equals("addFeedback")).toList();
            assertThat(slow).singleElement().satisfies(s -> {
                assertThat(s.durationMs()).isGreaterThanOrEqualTo(50);
                assertThat(List.of(s.outcome(), s.attempts(), s.backend())).containsExactly("ok", 1, "sqlite");
                assertThat(s.requestId()).isNull();
            });
        }
    }

    /** Waits (bounded) until the worker thread runs inside SQLite's native code: its busy handler, given the lock. */
    private static void awaitInsideSqlite(AtomicReference<Thread> worker) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Thread t = worker.get();
            if (t != null && Arrays.stream(t.getStackTrace())
                    .anyMatch(f -> f.getClassName().startsWith("org.sqlite.core.") && f.isNativeMethod())) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the store's write never reached SQLite");
    }
}
