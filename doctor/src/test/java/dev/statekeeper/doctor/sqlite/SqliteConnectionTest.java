package dev.statekeeper.doctor.sqlite;

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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The sqlite {@code connection} check on real files, and on what is not a usable one. */
class SqliteConnectionTest {
    private final TestClock clock = TestClock.frozen();

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("state.db");
    }

    private DoctorReport doctor() {
        Settings settings = Stores.settings("sqlite", dir);
        return Doctor.run(settings, clock, Selection.all());
    }

    private CheckResult connection(DoctorReport report) {
        return report.check("connection").orElseThrow();
    }

    @Test
    void aFreshStoreIsReachedAndNamed() throws Exception {
        Stores.init(Stores.settings("sqlite", dir), clock);
        byte[] before = Files.readAllBytes(file());

        DoctorReport report = doctor();

        CheckResult connection = connection(report);
        assertThat(connection.status()).isEqualTo(CheckStatus.OK);
        assertThat(connection.message()).isEqualTo("sqlite database '" + file() + "' opens and answers");
        assertThat(connection.evidence()).containsEntry("file", file().toString()).containsKeys("bytes", "sqliteVersion",
                "schemaVersion", "openMs");
        assertThat(report.target()).isEqualTo(file().toString());
        assertThat(report.reachable()).isTrue();
        assertThat(Files.readAllBytes(file())).as("the doctor writes nothing").isEqualTo(before);
    }

    @Test
    void aMissingFileIsUnreachableAndSaysHowToCreateIt() {
        DoctorReport report = doctor();

        assertP0(report, "sqlite database '" + file() + "' does not exist");
        assertThat(report.reachable()).isFalse();
        assertThat(connection(report).runbook()).startsWith("create it with 'statekeeper init', point DATABASE_URL");
        assertThat(connection(report).evidence()).containsEntry("error", "cannot-open");
        assertThat(file()).doesNotExist();
    }

    @Test
    void aDirectoryAtThePathIsUnreachable() throws Exception {
        Files.createDirectory(file());

        DoctorReport report = doctor();

        assertP0(report, "sqlite database '" + file() + "' is a directory, not a file");
        assertThat(report.reachable()).isFalse();
    }

    @Test
    void aFifoAtThePathIsNeverOpened() throws Exception {
        assumeThat(new ProcessBuilder("mkfifo", file().toString()).start().waitFor()).as("mkfifo").isZero();

        DoctorReport report = doctor();

        assertP0(report, "sqlite database '" + file() + "' is a FIFO (named pipe), not a file");
        assertThat(report.reachable()).isFalse();
    }

    @Test
    void aGarbageFileIsReachedButNotADatabase() throws Exception {
        Files.write(file(), "this is not a database, just some text\n".repeat(200).getBytes(StandardCharsets.UTF_8));

        DoctorReport report = doctor();

        assertP0(report, "sqlite database '" + file() + "' cannot be read as a SQLite database: [SQLITE_NOTADB] File "
                + "opened that is not a database file (file is not a database)");
        assertThat(report.reachable()).as("reached, but damaged: exit 6, not 5").isTrue();
        assertThat(connection(report).evidence()).containsEntry("error", "corrupt");
        assertThat(connection(report).runbook()).startsWith("'statekeeper db recover' salvages");
    }

    @Test
    void anotherApplicationsDatabaseIsNotAStatekeeperStore() throws Exception {
        Stores.sql(file(), "CREATE TABLE invoices (id INTEGER PRIMARY KEY)");

        DoctorReport report = doctor();

        assertP0(report, "sqlite database '" + file() + "' is not a Statekeeper store: it has 1 table(s), none of them "
                + "Statekeeper's");
        assertThat(report.reachable()).isTrue();
    }

    /** Skipped as root, whom permissions do not stop. */
    @Test
    void anUnreadableFileSaysToChmod() throws Exception {
        Stores.init(Stores.settings("sqlite", dir), clock);
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(file())).as("running as root: permissions do not stop reads").isFalse();

        DoctorReport report = doctor();

        assertP0(report, "cannot read sqlite database '" + file() + "': permission denied");
        assertThat(connection(report).runbook()).startsWith("make it readable by the user running statekeeper: chmod u+r '");
    }

    private void assertP0(DoctorReport report, String message) {
        CheckResult connection = connection(report);
        assertThat(connection.status()).isEqualTo(CheckStatus.FINDING);
        assertThat(connection.severity()).isEqualTo(Severity.P0);
        assertThat(connection.message()).isEqualTo(message);
        assertThat(report.checks().stream().filter(c -> c.status() == CheckStatus.SKIPPED).map(CheckResult::id))
                .as("the checks that need the store are skipped; disk-space and the backups' run without it")
                .containsExactly("integrity", "foreign-keys", "journal-mode", "freelist", "wal-size", "stats-age",
                        "migrations", "backup-integrity", "maintenance-age", "slow-operations", "error-rate");
        assertThat(report.check("disk-space").orElseThrow().status()).isEqualTo(CheckStatus.OK);
    }
}
