package dev.statekeeper.doctor.maintain;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.doctor.Stores;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code db maintain} of a real json store: its backups compacted, the run in the sidecar log. */
class JsonMaintenanceTest {
    @TempDir
    Path dir;
    private final TestClock clock = new TestClock();

    private Settings settings(String keep) {
        return Stores.with(Stores.with(Stores.settings("json", dir), Setting.JSON_BACKUPS, keep),
                Setting.JSON_LOCK_TIMEOUT, "0");
    }

    private void writes(int count) {
        try (StateStore store = StateStores.open(settings("5"), clock)) {
            for (int n = 0; n < count; n++) {
                store.createLoop(new NewLoop("j", LoopType.PLAN, String.format("loop%04d", n)));
            }
        }
    }

    private List<String> backups() throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("state\\.json\\.\\d+")).sorted()
                    .toList();
        }
    }

    @Test
    void backupsBeyondTheSettingAreDeletedAndGapsClosedInOrder() throws Exception {
        writes(6);
        assertThat(backups()).containsExactly("state.json.1", "state.json.2", "state.json.3", "state.json.4",
                "state.json.5");
        String third = Files.readString(dir.resolve("state.json.3"));
        Files.delete(dir.resolve("state.json.2"));
        Files.copy(dir.resolve("state.json.5"), dir.resolve("state.json.9"));

        MaintenanceRun dry = Maintenance.run(settings("3"), clock, true);
        assertThat(dry.steps()).extracting(s -> s.action() + ": " + s.result()).containsExactly(
                "prune events older than 90d (STATEKEEPER_EVENTS_RETENTION): would run",
                "delete state.json.4 (beyond STATEKEEPER_JSON_BACKUPS=3): would run",
                "delete state.json.5 (beyond STATEKEEPER_JSON_BACKUPS=3): would run",
                "delete state.json.9 (beyond STATEKEEPER_JSON_BACKUPS=3): would run",
                "rename state.json.3 to state.json.2 (close a gap): would run");
        assertThat(backups()).hasSize(5);
        assertThat(MaintenanceLog.jsonLog(dir.resolve("state.json"))).doesNotExist();

        MaintenanceRun run = Maintenance.run(settings("3"), clock, false);
        assertThat(run.result()).isEqualTo("ok");
        assertThat(backups()).containsExactly("state.json.1", "state.json.2");
        assertThat(Files.readString(dir.resolve("state.json.2"))).isEqualTo(third);
        assertThat(Files.readAllLines(MaintenanceLog.jsonLog(dir.resolve("state.json")))).hasSize(1).first().asString()
                .contains("\"result\":\"ok\"", "\"backend\":\"json\"");
        assertThat(MaintenanceLog.activity(settings("3")).lastMaintenance()).contains(run.startedAt());

        assertThat(Maintenance.run(settings("3"), clock, false).steps()).as("nothing left to do but the prune")
                .extracting(s -> s.action() + ": " + s.result())
                .containsExactly("prune events older than 90d (STATEKEEPER_EVENTS_RETENTION): 0 events removed");
        assertThat(Files.readAllLines(MaintenanceLog.jsonLog(dir.resolve("state.json")))).hasSize(2);
        try (StateStore store = StateStores.open(settings("3"), clock)) {
            assertThat(store.getLoop("loop0005").id()).isEqualTo("loop0005");
        }
    }

    @Test
    void aStoreLockedByAnotherWriterIsBusyAndNothingChanges() throws Exception {
        writes(7);
        Files.copy(dir.resolve("state.json.5"), dir.resolve("state.json.8"));
        try (FileChannel channel = FileChannel.open(dir.resolve("state.json.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            assertThat(held.isValid()).isTrue();
            StatekeeperException e = catchThrowableOfType(StatekeeperException.class,
                    () -> Maintenance.run(settings("3"), clock, false));
            assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_BUSY);
            assertThat(e.getMessage()).isEqualTo("json store '" + dir.resolve("state.json").toAbsolutePath()
                    + "' is locked by another writer for longer than STATEKEEPER_JSON_LOCK_TIMEOUT (0 s); try again "
                    + "when it is done");
        }
        assertThat(backups()).hasSize(6);
        assertThat(MaintenanceLog.jsonLog(dir.resolve("state.json"))).doesNotExist();
    }

    @Test
    void aDamagedLogLineIsSkippedNotFatal() throws Exception {
        writes(1);
        Path log = MaintenanceLog.jsonLog(dir.resolve("state.json"));
        Files.writeString(log, "{\"result\": \"ok\", \"startedAt\": \"not a time\"}\n\u0000\u001b[2J{{{\n");
        assertThat(MaintenanceLog.activity(settings("5")).lastMaintenance()).isEmpty();
        MaintenanceRun run = Maintenance.run(settings("5"), clock, false);
        assertThat(MaintenanceLog.activity(settings("5")).lastMaintenance()).contains(run.startedAt());
    }
}
