package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.testkit.sql.RawSql;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static dev.statekeeper.testkit.Fixtures.roadmap;
import static dev.statekeeper.testkit.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database file: where it is created, its journal mode, its schema history, and what survives a reopen. */
class SqliteFileTest {
    private final TestClock clock = new TestClock();

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("statekeeper").resolve("state.db");
    }

    private Settings settings() {
        return Settings.builder().environment(Map.of("XDG_STATE_HOME", dir.toString())).build();
    }

    @Test
    void createsTheFileAndItsDirectoryAtTheXdgDefaultPath() {
        try (StateStore store = StateStores.open(settings(), clock)) {
            assertThat(file()).isRegularFile();
            assertThat(store.info().backend()).isEqualTo("sqlite");
            assertThat(store.info().location()).isEqualTo(file().toString());
            assertThat(store.info().schemaVersion()).isEqualTo("8");
        }
    }

    @Test
    void theFileIsInWalModeWhileTheStoreIsOpen() throws Exception {
        try (StateStore store = SqliteStateStore.open(settings(), clock); Connection raw = RawSqlite.connect(file())) {
            store.createLoop(NewLoop.of("demo", LoopType.SPEC));

            assertThat(RawSql.text(raw, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(Path.of(file() + "-wal")).exists();
        }
    }

    @Test
    void theStoreSaysHowLargeItsFileAndItsWalAre() throws Exception {
        try (StateStore store = SqliteStateStore.open(settings(), clock)) {
            store.createLoop(NewLoop.of("demo", LoopType.SPEC));

            Map<String, Long> sizes = store.info().sizes();
            // the background checkpointer may copy pages into the file meanwhile: both files only grow while open
            assertThat(sizes).containsOnlyKeys("state.db", "state.db-wal");
            assertThat(sizes.get("state.db")).isPositive().isLessThanOrEqualTo(Files.size(file()));
            assertThat(sizes.get("state.db-wal")).isPositive().isLessThanOrEqualTo(Files.size(Path.of(file() + "-wal")));
        }
    }

    @Test
    void closingTheStoreCheckpointsTheWalIntoTheFileAndRemovesIt() {
        try (SqliteStateStore store = SqliteStateStore.open(settings(), clock)) {
            store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            store.listLoops(dev.statekeeper.core.domain.LoopQuery.all());
            assertThat(Path.of(file() + "-wal")).exists();
        }
        assertThat(Path.of(file() + "-wal")).doesNotExist();
        assertThat(Path.of(file() + "-shm")).doesNotExist();
    }

    @Test
    void flywayRecordsTheAppliedMigration() throws Exception {
        SqliteStateStore.open(settings(), clock).close();

        try (Connection raw = RawSqlite.connect(file())) {
            assertThat(RawSql.text(raw, "SELECT group_concat(version || ' ' || description || ' ' || success, ', ') "
                    + "FROM flyway_schema_history WHERE version IS NOT NULL"))
                    .isEqualTo("1 initial schema 1, 2 feedback request key 1, 3 loop clean index 1, 4 unicode spec names 1, 5 maintenance log 1, "
                            + "6 operation log 1, 7 change history 1, 8 events without write index 1");
            assertThat(RawSql.text(raw, "PRAGMA user_version")).isEqualTo("8");
        }
    }

    @Test
    void stateSurvivesCloseAndReopen() {
        Loop loop;
        Spec spec;
        Roadmap roadmap;
        Session session;
        try (StateStore store = SqliteStateStore.open(settings(), clock)) {
            loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            store.addFeedback(loop.id(), feedback(70));
            store.addFeedback(loop.id(), feedback(80));
            loop = store.getLoop(loop.id());
            store.putObjectiveFeedback(loop.id(), "objective");
            spec = store.putSpec("demo", spec("Auth"));
            store.linkLoop(loop.id(), "demo", "auth");
            roadmap = store.putRoadmap("demo", roadmap("Demo"));
            session = store.startSession(NewSession.named("s1"));
        }

        try (StateStore store = SqliteStateStore.open(settings(), clock)) {
            assertThat(store.getLoop(loop.id())).isEqualTo(loop);
            assertThat(store.getObjectiveFeedback(loop.id())).isEqualTo("objective");
            assertThat(store.specForLoop(loop.id())).isEqualTo(spec);
            assertThat(store.getRoadmap("demo")).isEqualTo(new Roadmap(roadmap.project(), roadmap.version(),
                    roadmap.content(), List.of(spec), roadmap.createdAt(), roadmap.updatedAt()));
            assertThat(store.getSession("s1")).isEqualTo(session);
            assertThat(store.activeLoops()).containsExactly(loop.summary());
        }
    }

    @Test
    void aCurrentFileOpensWithoutMigrating() {
        SqliteStateStore.open(settings(), clock).close();
        Settings noMigrations = settings().toBuilder().set(Setting.AUTO_MIGRATE, "false").build();

        try (StateStore store = SqliteStateStore.open(noMigrations, clock)) {
            assertThat(store.info().schemaVersion()).isEqualTo("8");
        }
    }

    @Test
    void aNewFileIsRefusedWhenAutoMigrateIsOff() {
        Settings noMigrations = settings().toBuilder().set(Setting.AUTO_MIGRATE, "false").build();

        assertThatThrownBy(() -> SqliteStateStore.open(noMigrations, clock))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_DRIFT))
                .hasMessage("sqlite database '" + file() + "' is at schema version 0 but this build needs 8; "
                        + "run 'statekeeper db migrate' or set STATEKEEPER_AUTO_MIGRATE=true");
    }

    @Test
    void aFileFromANewerBuildIsRefused() throws Exception {
        SqliteStateStore.open(settings(), clock).close();
        try (Connection raw = RawSqlite.connect(file())) {
            RawSql.execute(raw, "PRAGMA user_version = 9");
        }

        assertThatThrownBy(() -> SqliteStateStore.open(settings(), clock))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_DRIFT))
                .hasMessage("sqlite database '" + file() + "' is at schema version 9, newer than this build's 8; "
                        + "use a newer statekeeper");
    }

    @Test
    void theFileCanBeNamedByDatabaseUrl() {
        Path elsewhere = dir.resolve("custom").resolve("mine.db");
        Settings settings = settings().toBuilder().set(Setting.DATABASE_URL, "sqlite:" + elsewhere).build();

        try (StateStore store = SqliteStateStore.open(settings, clock)) {
            assertThat(store.info().location()).isEqualTo(elsewhere.toString());
        }
        assertThat(elsewhere).isRegularFile();
        assertThat(Files.exists(file())).isFalse();
    }
}
