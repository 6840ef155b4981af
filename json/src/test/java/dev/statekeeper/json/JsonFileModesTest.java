package dev.statekeeper.json;

import dev.statekeeper.core.api.StateStore;
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
 * The store is private to its owner: a new data directory 0700; state.json, its earlier versions and its lock file
 * 0600; a directory and file that exist keep their mode, and the file's next versions take it.
 */
class JsonFileModesTest {
    private final TestClock clock = new TestClock();

    @TempDir
    Path dir;

    private Settings settings(Path dataDir) {
        return Settings.builder().set(Setting.DATA_DIR, dataDir.toString()).build();
    }

    @Test
    void aNewStoreIsReadableByItsOwnerOnly() throws Exception {
        Path data = dir.resolve("new/statekeeper");
        try (StateStore store = JsonStateStore.open(settings(data), clock)) {
            store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        }

        assertThat(mode(dir.resolve("new"))).isEqualTo("rwx------");
        assertThat(mode(data)).isEqualTo("rwx------");
        for (String file : new String[] {"state.json", "state.json.1", "state.json.2", "state.json.lock"}) {
            assertThat(mode(data.resolve(file))).as(file).isEqualTo("rw-------");
        }
    }

    @Test
    void aDeliberatelySharedStoreStaysShared() throws Exception {
        Path data = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));
        JsonStateStore.open(settings(data), clock).close();
        Files.setPosixFilePermissions(data.resolve("state.json"), PosixFilePermissions.fromString("rw-r-----"));

        try (StateStore store = JsonStateStore.open(settings(data), clock)) {
            store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        }

        assertThat(mode(data)).isEqualTo("rwxr-x---");
        assertThat(mode(data.resolve("state.json"))).isEqualTo("rw-r-----");
        assertThat(mode(data.resolve("state.json.1"))).isEqualTo("rw-r-----");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
