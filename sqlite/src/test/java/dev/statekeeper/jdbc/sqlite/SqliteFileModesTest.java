package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store is private to its owner: a new data directory 0700, a new state.db 0600, and its -wal and -shm, which
 * SQLite creates with the database file's mode, 0600 too; a directory and file that exist keep their mode.
 */
class SqliteFileModesTest {
    private final TestClock clock = new TestClock();

    @TempDir
    Path dir;

    private Settings settings(Path dataDir) {
        return Settings.builder().set(Setting.BACKEND, "sqlite").set(Setting.DATA_DIR, dataDir.toString()).build();
    }

    @Test
    void aNewStoreIsReadableByItsOwnerOnly() throws Exception {
        Path data = dir.resolve("new/statekeeper");
        try (StateStore store = StateStores.open(settings(data), clock)) {
            store.createLoop(NewLoop.of("demo", LoopType.SPEC));

            assertThat(mode(dir.resolve("new"))).isEqualTo("rwx------");
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("state.db"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("state.db-wal"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("state.db-shm"))).isEqualTo("rw-------");
        }
    }

    /** A directory and an empty file made group-readable before the first open, as someone sharing the store would. */
    @Test
    void aDeliberatelySharedStoreStaysShared() throws Exception {
        Path data = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createFile(data.resolve("state.db"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-r-----")));

        try (StateStore store = StateStores.open(settings(data), clock)) {
            store.createLoop(NewLoop.of("demo", LoopType.SPEC));

            assertThat(mode(data)).isEqualTo("rwxr-x---");
            assertThat(mode(data.resolve("state.db"))).isEqualTo("rw-r-----");
            assertThat(mode(data.resolve("state.db-wal"))).isEqualTo("rw-r-----");
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
