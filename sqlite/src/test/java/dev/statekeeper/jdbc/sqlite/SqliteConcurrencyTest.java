package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.testkit.sql.RawSql;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.Together;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two stores on one file, as two processes would have them, and writers from outside the store. */
class SqliteConcurrencyTest {
    private static final int EACH = 40;

    private final TestClock clock = new TestClock();

    @TempDir
    Path dir;

    private Settings settings(String busyTimeoutSeconds) {
        return Settings.builder().set(Setting.DATABASE_URL, "sqlite:" + dir.resolve("state.db"))
                .set(Setting.SQLITE_BUSY_TIMEOUT, busyTimeoutSeconds).build();
    }

    @Test
    void twoStoresOnOneFileLoseNoFeedback() throws Exception {
        try (StateStore first = SqliteStateStore.open(settings("10"), clock);
             StateStore second = SqliteStateStore.open(settings("10"), clock)) {
            Loop loop = first.createLoop(NewLoop.of("demo", LoopType.SPEC));
            List<StateStore> stores = List.of(first, second);

            Together.run(2, w -> {
                for (int i = 0; i < EACH; i++) {
                    stores.get(w).addFeedback(loop.id(), feedback(i));
                }
                return null;
            });

            Loop after = second.getLoop(loop.id());
            assertThat(after.feedback()).hasSize(2 * EACH);
            assertThat(after.version()).isEqualTo(1 + 2 * EACH);
            assertThat(first.getLoop(loop.id())).isEqualTo(after);
        }
    }

    @Test
    void aWriterHoldingTheLockLongerThanTheBusyTimeoutIsReportedAsBusyAfterTheRetries() throws Exception {
        Path file = dir.resolve("state.db");
        Settings retries = settings("0").toBuilder().set(Setting.RETRY_ATTEMPTS, "3").set(Setting.RETRY_BASE_DELAY, "0")
                .build();
        try (StateStore store = SqliteStateStore.open(retries, clock); Connection other = RawSqlite.connect(file)) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            RawSql.execute(other, "BEGIN IMMEDIATE");

            assertThatThrownBy(() -> store.addFeedback(loop.id(), feedback(50)))
                    .isInstanceOfSatisfying(StatekeeperException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_BUSY))
                    .hasMessageStartingWith("add feedback to loop '" + loop.id() + "' failed on sqlite database '" + file + "': "
                            + "[SQLITE_BUSY] The database file is locked (database is locked); gave up after the busy "
                            + "timeout of 0 ms (STATEKEEPER_SQLITE_BUSY_TIMEOUT) (gave up after 3 tries in ")
                    .hasMessageEndingWith(" ms; STATEKEEPER_RETRY_ATTEMPTS=3, STATEKEEPER_RETRY_MAX_TIME=30.0 s)");
            assertThat(store.getLoop(loop.id())).isEqualTo(loop);

            RawSql.execute(other, "ROLLBACK");
            assertThat(store.addFeedback(loop.id(), feedback(50)).feedbackCount()).isEqualTo(1);
        }
    }

    @Test
    void readersNeitherWaitForNorSeeAnUncommittedWrite() throws Exception {
        Path file = dir.resolve("state.db");
        try (StateStore store = SqliteStateStore.open(settings("0"), clock); Connection other = RawSqlite.connect(file)) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            RawSql.execute(other, "BEGIN IMMEDIATE");
            RawSql.execute(other, "UPDATE loop_states SET current_score = 99");

            assertThat(store.getLoop(loop.id())).isEqualTo(loop);
            assertThat(store.activeLoops()).containsExactly(loop.summary());

            RawSql.execute(other, "COMMIT");
            assertThat(store.getLoop(loop.id()).currentScore()).isEqualTo(99);
        }
    }

    @Test
    void theStoreDoesNotHoldTheWriteLockBetweenWrites() throws Exception {
        Path file = dir.resolve("state.db");
        try (StateStore store = SqliteStateStore.open(settings("0"), clock); Connection other = RawSqlite.connect(file)) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            store.addFeedback(loop.id(), feedback(10));

            RawSql.execute(other, "BEGIN IMMEDIATE");
            RawSql.execute(other, "DELETE FROM loop_states");
            RawSql.execute(other, "COMMIT");

            assertThat(store.listLoops(LoopQuery.all()).total()).isZero();
        }
    }
}
