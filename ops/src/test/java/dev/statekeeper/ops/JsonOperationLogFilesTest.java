package dev.statekeeper.ops;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.internal.archive.ArchiveImport;
import dev.statekeeper.core.internal.archive.ArchiveSource;
import dev.statekeeper.core.internal.archive.Backup;
import dev.statekeeper.core.internal.archive.BackupDirectory;
import dev.statekeeper.core.internal.archive.Progress;
import dev.statekeeper.core.perf.OperationStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The json store's operation log, {@code state.json.oplog}, is neither state nor a backup: verify, repair and recover
 * leave it alone (even damaged), and a backup and its restore carry the records, never the log.
 */
class JsonOperationLogFilesTest {
    private static final int LOOPS = 10;

    @TempDir
    Path dir;

    private static long count(StateStore store, String operation) {
        return store.operationLog().stats(Instant.EPOCH, operation).stream().mapToLong(OperationStats::count).sum();
    }

    private static void appendDamage(Path oplog) throws Exception {
        Files.writeString(oplog, "{\"type\":\"minute\", not a record\n{\"type\":\"slow\",\"at\":",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String[] names(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void verifyRepairAndRecoverLeaveADamagedOperationLogAlone() throws Exception {
        Settings settings = StoreFixture.settings("json", dir);
        StoreFixture.fill(settings, LOOPS, 2);
        Path oplog = dir.resolve("state.json.oplog");
        appendDamage(oplog);
        byte[] log = Files.readAllBytes(oplog);

        assertThat(Ops.verify(settings, StoreFixture.CLOCK).findings()).isEmpty();
        assertThat(Ops.repair(settings, StoreFixture.CLOCK).changes()).isEmpty();
        Path file = dir.resolve("state.json");
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));

        RecoverReport recovered = Ops.recover(settings, StoreFixture.CLOCK, true);

        // the history, after the records, was cut off with the second half: recovery gives an empty one, noted
        assertThat(recovered.after().findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.check()).isEqualTo(Check.EVENTS);
        });
        assertThat(recovered.notes()).noneMatch(n -> n.contains("oplog"));
        assertThat(names(recovered.backup())).containsExactly("state.json");
        assertThat(Files.readAllBytes(oplog)).isEqualTo(log);
        assertThat(names(dir)).filteredOn(n -> n.contains("oplog"))
                .containsExactly("state.json.oplog", "state.json.oplog.lock");
    }

    @Test
    void aBackupAndItsRestoreCarryTheRecordsNotTheOperationLog() throws Exception {
        Settings source = StoreFixture.settings("json", dir.resolve("source"));
        StoreFixture.fill(source, LOOPS, 2);
        Backup backup;
        try (StateStore store = StateStores.open(source, StoreFixture.CLOCK)) {
            assertThat(count(store, "putSpec")).isEqualTo(2);
            backup = new BackupDirectory(dir.resolve("backups")).create(store, StoreFixture.CLOCK, "test", r -> { });
        }
        assertThat(names(backup.directory())).containsExactly("export.jsonl.gz", "manifest.json");
        Settings target = StoreFixture.settings("json", dir.resolve("target"));
        Files.createDirectories(dir.resolve("target"));
        appendDamage(dir.resolve("target/state.json.oplog"));

        try (StateStore store = StateStores.open(target, StoreFixture.CLOCK)) {
            ArchiveImport.run(store, ArchiveSource.of(backup.exportFile()), LoadMode.REPLACE, Progress.NONE);
            assertThat(store.info().counts()).containsEntry("loops", (long) LOOPS);
        }

        try (StateStore store = StateStores.open(target, StoreFixture.CLOCK)) {
            assertThat(count(store, "putSpec")).as("the source's log stays with the source").isZero();
            assertThat(count(store, "info")).isEqualTo(1);
            assertThat(store.operationLog().problem()).isNull();
        }
    }
}
