package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.testkit.sql.RawSql;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** SQLite's failures as Statekeeper error codes, with messages that name the operation and the file. */
class SqliteErrorsTest {
    private final TestClock clock = new TestClock();

    @TempDir
    Path dir;

    private Settings settingsFor(Path file) {
        return Settings.builder().set(Setting.DATABASE_URL, "sqlite:" + file).build();
    }

    @Test
    void usingTheStoreAfterCloseIsStoreClosed() {
        StateStore store = SqliteStateStore.open(settingsFor(dir.resolve("state.db")), clock);
        store.close();

        assertThatThrownBy(() -> store.createLoop(NewLoop.of("demo", LoopType.SPEC)))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_CLOSED))
                .hasMessage("the sqlite store is closed");
        assertThatThrownBy(store::activeLoops).hasMessage("the sqlite store is closed");
    }

    @Test
    void aFileThatIsNotADatabaseIsCorrupt() throws Exception {
        Path file = dir.resolve("state.db");
        Files.writeString(file, "these are notes, not a database\n".repeat(200));

        assertThatThrownBy(() -> SqliteStateStore.open(settingsFor(file), clock))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT))
                .hasMessage("open failed on sqlite database '" + file + "': "
                        + "[SQLITE_NOTADB] File opened that is not a database file (file is not a database)");
    }

    @Test
    void aDirectoryInPlaceOfTheFileCannotBeOpened() throws Exception {
        Path file = Files.createDirectories(dir.resolve("state.db"));

        assertThatThrownBy(() -> SqliteStateStore.open(settingsFor(file), clock))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANNOT_OPEN))
                .hasMessage("sqlite database '" + file + "' is a directory, not a file; point the settings (DATABASE_URL "
                        + "sqlite:/path/state.db, STATEKEEPER_DATA_DIR) at a file or a place for a new one");
    }

    @Test
    void aFifoInPlaceOfTheFileIsRefusedBeforeSqliteOpensItAndNothingIsCreatedBesideIt() throws Exception {
        Path file = dir.resolve("state.db");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", file.toString()).start().waitFor() == 0,
                "mkfifo is not available");

        assertThatThrownBy(() -> SqliteStateStore.open(settingsFor(file), clock))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANNOT_OPEN))
                .hasMessage("sqlite database '" + file + "' is a FIFO (named pipe), not a file; point the settings "
                        + "(DATABASE_URL sqlite:/path/state.db, STATEKEEPER_DATA_DIR) at a file or a place for a new one");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("state.db");
        }
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsReported() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
        Path file = blocker.resolve("statekeeper").resolve("state.db");

        assertThatThrownBy(() -> SqliteStateStore.open(settingsFor(file), clock))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANNOT_OPEN))
                .hasMessage("cannot create the directory '" + file.getParent() + "' of sqlite database '" + file + "': "
                        + file.getParent() + ": Not a directory");
    }

    @Test
    void writingInSqlitesReadOnlyModeIsReadOnly() throws Exception {
        Path file = dir.resolve("state.db");
        SqliteStateStore.open(settingsFor(file), clock).close();
        SqliteErrorTranslator translator = new SqliteErrorTranslator(file, Duration.ofSeconds(5));

        try (Connection readOnly = RawSqlite.connectReadOnly(file)) {
            assertThatThrownBy(() -> RawSql.execute(readOnly, "DELETE FROM loop_states"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(translator.translate("delete loops", e))
                            .hasMessage("delete loops failed on sqlite database '" + file + "': [SQLITE_READONLY] "
                                    + "Attempt to write a readonly database (attempt to write a readonly database)")
                            .extracting(StatekeeperException::code).isEqualTo(ErrorCode.READ_ONLY));
        }
    }

    /**
     * A file without write permission: the store still opens it and reads, and refuses writes with READ_ONLY.
     * Skipped when the tests run as root, for whom file permissions do not stop writes.
     */
    @Test
    void aWriteProtectedFileIsReadOnly() throws Exception {
        Path file = dir.resolve("state.db");
        SqliteStateStore.open(settingsFor(file), clock).close();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        assumeThat(Files.isWritable(file)).as("running as root: permissions do not stop writes").isFalse();

        try (StateStore store = SqliteStateStore.open(settingsFor(file), clock)) {
            assertThat(store.listLoops(LoopQuery.all()).total()).isZero();
            assertThatThrownBy(() -> store.createLoop(NewLoop.of("demo", LoopType.SPEC)))
                    .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.READ_ONLY))
                    .hasMessage("create loop failed on sqlite database '" + file + "': [SQLITE_READONLY] "
                            + "Attempt to write a readonly database (attempt to write a readonly database)");
        }
    }
}
