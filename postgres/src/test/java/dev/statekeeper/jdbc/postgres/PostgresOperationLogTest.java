package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.api.PoolStats;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.perf.OperationStats;
import dev.statekeeper.core.perf.SlowOperation;
import dev.statekeeper.testkit.sql.OperationLogChecks;
import dev.statekeeper.testkit.sql.RawSql;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operation log in a PostgreSQL database (one new database per store, on the JVM's one embedded server): the
 * shared checks, two stores on one database, and a slow operation and a pool wait made for real with a row lock.
 */
class PostgresOperationLogTest extends OperationLogChecks {

    @Override
    protected Settings fresh() {
        return FreshPostgresStores.settingsFor(FreshPostgresStores.migratedDatabase(), Settings.defaults());
    }

    @Override
    protected StateStore openBackend(Settings settings) {
        return PostgresStateStore.open(settings, Clock.systemUTC());
    }

    @Override
    protected Connection raw(Settings settings) throws SQLException {
        return RawPostgres.connect(database(settings));
    }

    @Override
    protected String backend() {
        return "postgres";
    }

    @Override
    protected long damagedRows(StateStore backendStore) {
        return ((PostgresStateStore) backendStore).operationLogStorage().damagedRows();
    }

    private static String database(Settings settings) {
        String url = settings.raw(Setting.DATABASE_URL);
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void twoStoresOnOneDatabaseAreCountedExactly() throws Exception {
        Settings settings = fresh();
        try (StateStore one = StateStores.open(settings, Clock.systemUTC());
             StateStore two = StateStores.open(settings, Clock.systemUTC());
             ExecutorService threads = Executors.newCachedThreadPool()) {
            String id = one.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
            Future<?> other = threads.submit(() -> {
                for (int i = 0; i < 250; i++) {
                    two.getLoop(id);
                }
            });
            for (int i = 0; i < 150; i++) {
                one.getLoop(id);
            }
            other.get(60, TimeUnit.SECONDS);
            one.operationLog().flush();
            // the other store's unwritten minute is its own until it flushes (every minute) or closes
            assertThat(stats(one, "getLoop").count()).isBetween(150L, 400L);
        }
        try (StateStore store = StateStores.open(settings, Clock.systemUTC())) {
            OperationStats get = stats(store, "getLoop");
            assertThat(List.of(get.count(), get.errors(), get.faults())).containsExactly(400L, 0L, 0L);
        }
    }

    /**
     * Another session holds the loop's row lock ({@code SELECT ... FOR UPDATE} in an open transaction) while the store,
     * with a pool of one connection, adds feedback on that connection and reads the loop waiting for the connection.
     * Both are released once the server shows the store waiting for the lock and the pool shows a thread waiting,
     * after at least the threshold.
     */
    @Test
    void aWriteThatWaitsForARowLockAndAReadThatWaitsForThePoolAreRecordedAsSlow() throws Exception {
        Settings settings = with(fresh(), Setting.SLOW_OPERATION_MS, 50, Setting.POOL_MAX_SIZE, 1);
        Instant since = Instant.now();
        // closed the other way round: the lock goes before the threads are waited for, and they before the store
        try (StateStore store = StateStores.open(settings, Clock.systemUTC());
             ExecutorService threads = Executors.newCachedThreadPool(); Connection holder = raw(settings);
             Connection watcher = raw(settings)) {
            String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
            holder.setAutoCommit(false);
            RawSql.text(holder, "SELECT id FROM loop_states WHERE id = '" + id + "' FOR UPDATE");
            Future<LoopSummary> add = threads.submit(() -> store.addFeedback(id, feedback(1, 70)));
            awaitLockWait(watcher);
            Future<Loop> get = threads.submit(() -> store.getLoop(id));
            awaitPoolWait(store);
            // the deliberate hold: neither can end while the lock is held, for at least the threshold
            assertThatThrownBy(() -> get.get(50, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            holder.commit();
            assertThat(add.get(30, TimeUnit.SECONDS).feedbackCount()).isEqualTo(1);
            assertThat(get.get(30, TimeUnit.SECONDS).feedback()).hasSizeBetween(0, 1);
        }
        try (StateStore store = StateStores.open(settings, Clock.systemUTC())) {
            List<SlowOperation> slow = store.operationLog().slow(since, 10);
            assertThat(slow).filteredOn(s -> s.operation().equals("addFeedback")).singleElement().satisfies(s -> {
                assertThat(s.durationMs()).isGreaterThanOrEqualTo(50);
                assertThat(List.of(s.outcome(), s.attempts(), s.backend())).containsExactly("ok", 1, "postgres");
            });
            assertThat(slow).filteredOn(s -> s.operation().equals("getLoop")).singleElement().satisfies(s -> {
                assertThat(s.durationMs()).isGreaterThanOrEqualTo(50);
                assertThat(s.poolWaitMs()).isPositive().isLessThanOrEqualTo(s.durationMs());
                assertThat(List.of(s.outcome(), s.attempts(), s.backend())).containsExactly("ok", 1, "postgres");
            });
        }
    }

    /** Waits (bounded) until a connection of the store waits for a lock. */
    private static void awaitLockWait(Connection watcher) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!"0".equals(RawSql.text(watcher, "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                    + "current_database() AND application_name = 'statekeeper' AND wait_event_type = 'Lock'"))) {
                return;
            }
        }
        throw new AssertionError("the store never waited for the row lock");
    }

    /** Waits (bounded) until a thread waits for the store's one connection. */
    private static void awaitPoolWait(StateStore store) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (store.poolStats().map(PoolStats::waiting).orElse(0) > 0) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no thread waited for the pool: " + store.poolStats());
    }
}
