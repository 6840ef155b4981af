package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.sql.RawSql;
import dev.statekeeper.testkit.Fixtures;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A write that names a loop (or spec) while another transaction deletes it, made deterministic: the delete is held
 * uncommitted, the write starts and waits, the delete commits. The write then answers as SQLite and the json store
 * do, LOOP_NOT_FOUND / SPEC_NOT_FOUND, not the foreign key's raw VALIDATION_FAILED.
 */
class PostgresWriteRacesTest {

    @Test
    void objectiveFeedbackRacingTheDeleteOfItsLoopIsLoopNotFound() throws Exception {
        race("DELETE FROM loop_states WHERE id = ?", (store, ids) -> store.putObjectiveFeedback(ids[0], "objective"),
                ErrorCode.LOOP_NOT_FOUND);
    }

    @Test
    void aLinkRacingTheDeleteOfItsLoopIsLoopNotFound() throws Exception {
        race("DELETE FROM loop_states WHERE id = ?", (store, ids) -> store.linkLoop(ids[0], "race", "auth"),
                ErrorCode.LOOP_NOT_FOUND);
    }

    @Test
    void aLinkRacingTheDeleteOfItsSpecIsSpecNotFound() throws Exception {
        race("DELETE FROM technical_specs WHERE project_name = 'race' AND spec_name = 'auth' AND ? IS NOT NULL",
                (store, ids) -> store.linkLoop(ids[0], "race", "auth"), ErrorCode.SPEC_NOT_FOUND);
    }

    private interface Write {
        void run(PostgresStateStore store, String[] ids);
    }

    private static void race(String delete, Write write, ErrorCode expected) throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        try (PostgresStateStore store = FreshPostgresStores.openOn(database, Settings.defaults(), new TestClock());
             Connection deleter = RawPostgres.connect(database); Connection watcher = RawPostgres.connect(database)) {
            String id = store.createLoop(NewLoop.of("race", LoopType.SPEC)).id();
            store.putSpec("race", Fixtures.spec("Auth"));
            deleter.setAutoCommit(false);
            try (PreparedStatement ps = deleter.prepareStatement(delete)) {
                ps.setString(1, id);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> write.run(store, new String[]{id}));
            awaitLockWait(watcher);
            deleter.commit();

            StatekeeperException refused = catchThrowableOfType(StatekeeperException.class,
                    () -> join(writing));
            assertThat(refused).as("the write must fail").isNotNull();
            assertThat(refused.code()).as(refused.getMessage()).isEqualTo(expected);
        }
    }

    /** Waits (at most 30 s) until a Statekeeper connection waits for a lock: the write met the held delete. */
    private static void awaitLockWait(Connection watcher) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Long.parseLong(RawSql.text(watcher, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name = 'statekeeper' AND wait_event_type = 'Lock'")) == 0) {
            assertThat(System.nanoTime()).as("the write never waited for the delete's lock").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static void join(CompletableFuture<Void> future) {
        try {
            future.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
