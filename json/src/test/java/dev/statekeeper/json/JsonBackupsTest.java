package dev.statekeeper.json;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The earlier versions kept beside the file: newest first, capped, and deleted when the cap goes down. */
class JsonBackupsTest {
    private final TestClock clock = new TestClock();

    @TempDir
    Path dir;

    private Settings settings(int backups) {
        return Settings.builder().set(Setting.DATA_DIR, dir.toString())
                .set(Setting.JSON_BACKUPS, String.valueOf(backups)).build();
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    private static long generation(Path file) throws Exception {
        return Json.mapper().readTree(file.toFile()).get("generation").asLong();
    }

    private void writeSessions(Settings settings, String prefix, int count) {
        try (StateStore store = JsonStateStore.open(settings, clock)) {
            for (int i = 0; i < count; i++) {
                store.startSession(NewSession.named(prefix + i));
            }
        }
    }

    @Test
    void backupOneIsTheVersionBeforeTheLastWriteAndTheirNumberIsCapped() throws Exception {
        writeSessions(settings(3), "s", 6);

        assertThat(generation(file("state.json"))).isEqualTo(7);
        assertThat(generation(file("state.json.1"))).isEqualTo(6);
        assertThat(generation(file("state.json.2"))).isEqualTo(5);
        assertThat(generation(file("state.json.3"))).isEqualTo(4);
        assertThat(file("state.json.4")).doesNotExist();
        assertThat(Json.mapper().readTree(file("state.json.1").toFile()).get("sessions")).hasSize(5);
    }

    @Test
    void theStoreSaysHowLargeTheFileAndEachBackupAre() throws Exception {
        writeSessions(settings(3), "s", 6);

        try (StateStore store = JsonStateStore.open(settings(3), clock)) {
            assertThat(store.info().sizes()).containsExactly(Map.entry("state.json", Files.size(file("state.json"))),
                    Map.entry("state.json.1", Files.size(file("state.json.1"))),
                    Map.entry("state.json.2", Files.size(file("state.json.2"))),
                    Map.entry("state.json.3", Files.size(file("state.json.3"))));
        }
    }

    @Test
    void noBackupsAreKeptWhenTheSettingIsZero() {
        writeSessions(settings(0), "s", 3);

        assertThat(file("state.json")).exists();
        assertThat(file("state.json.1")).doesNotExist();
    }

    @Test
    void loweringTheSettingDeletesTheBackupsBeyondTheNewCap() throws Exception {
        writeSessions(settings(5), "a", 6);
        assertThat(file("state.json.5")).exists();

        writeSessions(settings(2), "b", 1);

        assertThat(generation(file("state.json.1"))).isEqualTo(7);
        assertThat(generation(file("state.json.2"))).isEqualTo(6);
        assertThat(file("state.json.3")).doesNotExist();
        assertThat(file("state.json.4")).doesNotExist();
        assertThat(file("state.json.5")).doesNotExist();
    }

    @Test
    void aNewVersionKeepsTheFilesPermissions() throws Exception {
        writeSessions(settings(1), "a", 1);
        Files.setPosixFilePermissions(file("state.json"), PosixFilePermissions.fromString("rw-------"));

        writeSessions(settings(1), "b", 1);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file("state.json")))).isEqualTo("rw-------");
    }
}
