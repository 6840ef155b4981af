package dev.statekeeper.doctor.common;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.internal.archive.Backup;
import dev.statekeeper.core.internal.archive.BackupDirectory;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.doctor.Stores;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code backup-age} and {@code backup-integrity} against real backups: none, fresh, stale, tampered, damaged. */
class BackupChecksTest {
    private final TestClock clock = TestClock.frozen();

    @TempDir
    Path dir;

    private Settings settings() {
        return Stores.settings("sqlite", dir);
    }

    private Backup backup(Settings settings) {
        try (StateStore store = StateStores.open(settings, clock)) {
            return new BackupDirectory(BackupDirectory.defaultDirectory(settings)).create(store, clock, "test", r -> { });
        }
    }

    private DoctorReport doctor(Settings settings) {
        return Doctor.run(settings, clock, Selection.of(java.util.List.of("backup-age", "backup-integrity")));
    }

    @Test
    void noBackupYetIsP3AndThereIsNothingToCheck() {
        Stores.workload(settings(), clock, 10);

        DoctorReport report = doctor(settings());

        CheckResult age = report.check("backup-age").orElseThrow();
        assertThat(age.severity()).isEqualTo(Severity.P3);
        assertThat(age.message()).isEqualTo("no backup in '" + dir.resolve("backups") + "' yet");
        assertThat(age.fix().action()).isEqualTo("statekeeper db backup");
        assertThat(report.check("backup-integrity").orElseThrow().skipReason())
                .isEqualTo("no backup in '" + dir.resolve("backups") + "' yet (see backup-age)");
    }

    @Test
    void aBackupYoungerThanTwiceTheIntervalIsOkAndOneOlderIsP2() {
        Stores.workload(settings(), clock, 10);
        Backup backup = backup(settings());
        clock.advance(Duration.ofHours(47));

        DoctorReport fresh = doctor(settings());
        clock.advance(Duration.ofHours(2));
        DoctorReport stale = doctor(settings());
        DoctorReport weekly = doctor(Stores.with(settings(), Setting.BACKUP_INTERVAL, String.valueOf(7 * 86_400)));

        assertThat(fresh.check("backup-age").orElseThrow().status()).isEqualTo(CheckStatus.OK);
        assertThat(fresh.check("backup-integrity").orElseThrow().message())
                .isEqualTo("the SHA-256 of backup " + backup.name() + " matches its manifest");
        CheckResult age = stale.check("backup-age").orElseThrow();
        assertThat(age.severity()).isEqualTo(Severity.P2);
        assertThat(age.message()).isEqualTo("the newest backup, " + backup.name() + ", is 2 days old: more than twice "
                + "the backup interval of 24 h");
        assertThat(age.threshold()).isEqualTo("newest backup younger than 48 h (2 x STATEKEEPER_BACKUP_INTERVAL=86400)");
        assertThat(age.evidence()).containsEntry("ageHours", 49.0).containsEntry("newest", backup.name());
        assertThat(weekly.check("backup-age").orElseThrow().status()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void aTamperedNewestBackupIsP1WithoutRestoringAnything() throws Exception {
        Stores.workload(settings(), clock, 10);
        backup(settings());
        clock.advance(Duration.ofMinutes(1));
        Backup newest = backup(settings());
        try (RandomAccessFile f = new RandomAccessFile(newest.exportFile().toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0xFF);
        }
        byte[] store = Files.readAllBytes(dir.resolve("state.db"));

        CheckResult result = doctor(settings()).check("backup-integrity").orElseThrow();

        assertThat(result.severity()).isEqualTo(Severity.P1);
        assertThat(result.message()).matches("backup '" + newest.name() + "' is damaged: the SHA-256 of "
                + "export.jsonl.gz is [0-9a-f]{64} but its manifest says " + newest.manifest().sha256());
        assertThat(result.evidence()).containsEntry("newest", newest.name())
                .containsEntry("sha256", newest.manifest().sha256());
        assertThat(Files.readAllBytes(dir.resolve("state.db"))).isEqualTo(store);
    }

    @Test
    void aNewestBackupWhoseManifestCannotBeReadIsP1AndTheAgeIsThatOfTheNewestReadableOne() throws Exception {
        Stores.workload(settings(), clock, 10);
        Backup older = backup(settings());
        clock.advance(Duration.ofMinutes(1));
        Backup newest = backup(settings());
        Files.writeString(newest.directory().resolve("manifest.json"), "{\"format\": ");

        DoctorReport report = doctor(settings());

        CheckResult integrity = report.check("backup-integrity").orElseThrow();
        assertThat(integrity.severity()).isEqualTo(Severity.P1);
        assertThat(integrity.message()).startsWith("backup '" + newest.name() + "' is damaged: its manifest.json cannot "
                + "be read (");
        assertThat(report.check("backup-age").orElseThrow().evidence()).containsEntry("newest", older.name());
    }

    @Test
    void aMemoryStoreHasNothingToBackUp() {
        Settings memory = Settings.builder().set(Setting.BACKEND, "memory").set(Setting.DATA_DIR, dir.toString()).build();

        DoctorReport report = Doctor.run(memory, clock, Selection.all());

        assertThat(report.checks().stream().map(c -> c.id() + "=" + c.status().wire())).containsExactly(
                "connection=ok", "migrations=skipped", "backup-age=skipped", "backup-integrity=skipped",
                "maintenance-age=skipped", "slow-operations=skipped", "error-rate=skipped");
        assertThat(report.check("backup-age").orElseThrow().skipReason()).isEqualTo("the memory backend keeps nothing "
                + "outside the process: there is nothing to back up");
    }
}
