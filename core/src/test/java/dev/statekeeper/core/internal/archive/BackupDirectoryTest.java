package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.memory.MemoryStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupDirectoryTest {
    private static final Clock AT = Clock.fixed(Instant.parse("2026-11-23T14:23:01.5Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final MemoryStateStore store = Samples.full();

    @Test
    void aBackupIsADirectoryNamedByItsUtcTimeWithTheCompressedExportAndAManifest() throws IOException {
        BackupDirectory backups = new BackupDirectory(dir);

        Backup backup = backups.create(store, AT, "1.2.3", r -> { });

        assertThat(backup.name()).isEqualTo("20261123T142301Z");
        assertThat(Files.list(backup.directory()).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("export.jsonl.gz", "manifest.json");
        BackupManifest m = backup.manifest();
        assertThat(m.format()).isEqualTo("statekeeper-backup");
        assertThat(m.createdAt()).isEqualTo(Instant.parse("2026-11-23T14:23:01.5Z"));
        assertThat(m.backend()).isEqualTo("memory");
        assertThat(m.statekeeperVersion()).isEqualTo("1.2.3");
        assertThat(m.bytes()).isEqualTo(Files.size(backup.exportFile()));
        assertThat(m.sha256()).isEqualTo(Backup.sha256(backup.exportFile()));
        assertThat(m.counts()).containsEntry("loops", 4L).containsEntry("feedback", 2L);
        assertThat(m.records()).isEqualTo(16);
        assertThat(Files.readString(backup.directory().resolve("manifest.json"))).contains("\"name\" : \"20261123T142301Z\"");
        MemoryStateStore restored = Samples.empty();
        ArchiveImport.run(restored, ArchiveSource.of(backup.exportFile()), LoadMode.REPLACE, Progress.NONE);
        assertThat(restored.snapshot()).isEqualTo(store.snapshot());
    }

    @Test
    void backupsAreListedNewestFirstAndPruningKeepsTheNewest() throws IOException {
        BackupDirectory backups = new BackupDirectory(dir);
        Files.createDirectories(dir.resolve("pre-repair-20260101T000000Z"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        for (int i = 0; i < 4; i++) {
            backups.create(store, AT, "1", r -> { });
        }

        assertThat(backups.list()).extracting(Backup::name)
                .containsExactly("20261123T142301Z-4", "20261123T142301Z-3", "20261123T142301Z-2", "20261123T142301Z");
        List<Backup> removed = backups.prune(2).removed();

        assertThat(removed).extracting(Backup::name).containsExactly("20261123T142301Z-2", "20261123T142301Z");
        assertThat(backups.list()).extracting(Backup::name).containsExactly("20261123T142301Z-4", "20261123T142301Z-3");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                "20261123T142301Z-4", "20261123T142301Z-3", "pre-repair-20260101T000000Z", "notes.txt");
    }

    @Test
    void pruningKeepsTheBackupsTakenBeforeAReplaceAndTheNewestOneARestoreWasMadeFrom() throws IOException {
        BackupDirectory backups = new BackupDirectory(dir);
        Backup first = backups.create(store, AT, "1", r -> { });
        Backup second = backups.create(store, AT, "1", r -> { });
        Backup safety = backups.createBefore("pre-restore", store, AT, "1");
        assertThat(BackupRetention.markRestored(first, AT.instant(), "memory store")).isTrue();
        assertThat(BackupRetention.markRestored(second, AT.instant(), "memory store")).isTrue();
        for (int i = 0; i < 3; i++) {
            backups.create(store, AT, "1", r -> { });
        }

        BackupRetention.Pruned pruned = backups.prune(1);

        assertThat(safety.name()).isEqualTo("pre-restore-20261123T142301Z");
        assertThat(pruned.removed()).extracting(Backup::name)
                .containsExactly("20261123T142301Z-4", "20261123T142301Z-3", "20261123T142301Z");
        assertThat(pruned.keptForRestore()).isEqualTo(second);
        assertThat(backups.list()).extracting(Backup::name)
                .containsExactly("pre-restore-20261123T142301Z", "20261123T142301Z-5", "20261123T142301Z-2");
        assertThat(Files.readString(second.directory().resolve(BackupRetention.RESTORED_FILE)))
                .isEqualTo("2026-11-23T14:23:01.500Z into memory store\n");
    }

    @Test
    void backupsAreTheirOwnersAlone() throws IOException {
        Backup backup = new BackupDirectory(dir.resolve("new/backups")).create(store, AT, "1", r -> { });

        assertThat(mode(dir.resolve("new"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("new/backups"))).isEqualTo("rwx------");
        assertThat(mode(backup.directory())).isEqualTo("rwx------");
        assertThat(mode(backup.exportFile())).isEqualTo("rw-------");
        assertThat(mode(backup.directory().resolve("manifest.json"))).isEqualTo("rw-------");
    }

    @Test
    void aFileWhereTheBackupDirectoryShouldBeIsRefusedAndLeftAsItIs() throws IOException {
        Path file = Files.writeString(dir.resolve("backups"), "mine");

        assertThatThrownBy(() -> new BackupDirectory(file).create(store, AT, "1", r -> { }))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
                .hasMessage("cannot write backups into '" + file + "': it is a regular file, not a directory, and is "
                        + "left as it is; name a new or existing directory");
        assertThat(Files.readString(file)).isEqualTo("mine");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aBackupWhoseExportChangedIsRefusedBeforeAnythingIsRestored() throws IOException {
        BackupDirectory backups = new BackupDirectory(dir);
        Backup backup = backups.create(store, AT, "1", r -> { });
        backups.find("20261123T142301Z").verify();
        byte[] bytes = Files.readAllBytes(backup.exportFile());
        bytes[bytes.length / 2] ^= 1;
        Files.write(backup.exportFile(), bytes);
        String actual = Backup.sha256(backup.exportFile());

        assertThatThrownBy(() -> backups.find(backup.directory().toString()).verify())
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT))
                .hasMessage("backup '20261123T142301Z' is damaged: the SHA-256 of export.jsonl.gz is " + actual
                        + " but its manifest says " + backup.manifest().sha256() + "; nothing was restored (restore another "
                        + "backup: 'statekeeper db backups' lists them)");
        Files.delete(backup.exportFile());
        assertThatThrownBy(backup::verify)
                .hasMessage("backup '20261123T142301Z' is damaged: export.jsonl.gz is missing; nothing was restored "
                        + "(restore another backup: 'statekeeper db backups' lists them)");
        assertThatThrownBy(() -> backups.find("nope"))
                .hasMessage("no backup 'nope' in '" + dir.toAbsolutePath() + "'");
    }
}
