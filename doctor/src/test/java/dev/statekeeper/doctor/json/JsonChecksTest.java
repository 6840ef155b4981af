package dev.statekeeper.doctor.json;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The json store's checks against real files: fresh, worked, damaged, large, locked by another process. */
class JsonChecksTest {
    private final TestClock clock = TestClock.frozen();

    @TempDir
    Path dir;

    private Settings settings() {
        return Stores.settings("json", dir);
    }

    private Path file() {
        return dir.resolve("state.json");
    }

    private DoctorReport doctor(Settings settings) {
        return Doctor.run(settings, clock, Selection.all());
    }

    private CheckResult check(Settings settings, String id) {
        return Doctor.run(settings, clock, Selection.of(List.of(id))).check(id).orElseThrow();
    }

    @Test
    void aFreshStoreAndOneAfterAnOrdinaryWorkloadHaveNoFindingAtP2OrAbove() throws Exception {
        Stores.init(settings(), clock);
        assertThat(doctor(settings()).atLeast(Severity.P2)).isEmpty();
        Stores.workload(settings(), clock, 60);
        byte[] before = Files.readAllBytes(file());

        DoctorReport report = doctor(settings());

        assertThat(report.atLeast(Severity.P2)).isEmpty();
        assertThat(report.summary().error()).isZero();
        assertThat(report.checks().stream().map(c -> c.id() + "=" + c.status().wire())).containsExactly(
                "connection=ok", "parse=ok", "file-size=ok", "disk-space=ok", "lock=ok", "migrations=skipped",
                "backup-age=finding", "backup-integrity=skipped", "maintenance-age=ok", "slow-operations=ok",
                "error-rate=ok");
        assertThat(report.check("parse").orElseThrow().message()).isEqualTo("the file parses: 52 loops, 6 specs");
        assertThat(Files.readAllBytes(file())).isEqualTo(before);
    }

    @Test
    void aFileThatDoesNotParseIsP0AndSaysWhere() throws Exception {
        Stores.workload(settings(), clock, 3);
        String text = Files.readString(file());
        Files.writeString(file(), text.substring(0, text.length() / 2));

        CheckResult result = check(settings(), "parse");

        assertThat(result.severity()).isEqualTo(Severity.P0);
        assertThat(result.message()).startsWith("json store '" + file() + "': not valid JSON at line ");
        assertThat(result.runbook()).contains("'statekeeper db recover' keeps every complete record", file() + ".1");
    }

    @Test
    void anEmptyFileAnotherDocumentAndANewerFormatAreP0() throws Exception {
        Stores.init(settings(), clock);
        Files.write(file(), new byte[0]);
        assertThat(check(settings(), "parse").message()).isEqualTo("json store '" + file() + "': the file is empty "
                + "(0 bytes of JSON)");
        Files.writeString(file(), "[1, 2, 3]");
        assertThat(check(settings(), "parse").message()).isEqualTo("json store '" + file() + "': the document is not "
                + "a JSON object");
        Files.writeString(file(), "{\"name\": \"package.json\", \"version\": \"1.0.0\"}");
        assertThat(check(settings(), "parse").message()).isEqualTo("json store '" + file() + "': it is not a statekeeper "
                + "json store (it has no \"format\")");
        Files.writeString(file(), "{\"format\": \"statekeeper-json\", \"version\": 3, \"loops\": []}");
        CheckResult newer = check(settings(), "parse");
        assertThat(newer.severity()).isEqualTo(Severity.P0);
        assertThat(newer.message()).isEqualTo("json store '" + file() + "': format version 3 is newer than this build's "
                + "2: use a newer statekeeper");
    }

    @Test
    void deeplyNestedJsonIsRefusedByTheParsersLimitAsP0NotAnError() throws Exception {
        Stores.init(settings(), clock);
        Files.writeString(file(), "{\"format\": \"statekeeper-json\", \"version\": 1, \"loops\": " + "[".repeat(5000)
                + "]".repeat(5000) + "}");

        CheckResult result = check(settings(), "parse");

        assertThat(result.severity()).isEqualTo(Severity.P0);
        assertThat(result.message()).startsWith("json store '" + file() + "': not valid JSON at line 1, column ")
                .contains("nesting depth");
    }

    @Test
    void aFileOverTheSizeLimitIsP3AndPointsAtSqlite() throws Exception {
        try (StateStore store = StateStores.open(settings(), clock)) {
            for (int n = 0; n < 13; n++) { // objective feedback is at most 100,000 characters
                String id = "big0000" + Integer.toString(n, 36);
                store.createLoop(new NewLoop("demo", LoopType.SPEC, id));
                store.putObjectiveFeedback(id, "x".repeat(99_000));
            }
        }
        Settings limit = Stores.with(settings(), Setting.DOCTOR_JSON_MAX_MB, "1");

        CheckResult result = check(limit, "file-size");

        assertThat(result.severity()).isEqualTo(Severity.P3);
        assertThat(result.message()).isEqualTo("the file is 1 MiB (over 1 MiB): every write rewrites all of it");
        assertThat(result.fix().action()).isEqualTo("statekeeper db copy --to sqlite:" + dir.resolve("state.db")
                + " --switch");
        assertThat(check(settings(), "file-size").status()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void aLockHeldByAnotherProcessForLongIsP1AndAWriteInProgressIsNot() throws Exception {
        Stores.workload(settings(), clock, 2);
        Path lock = dir.resolve("state.json.lock");
        assertThat(check(settings(), "lock").message()).isEqualTo("no writer holds the lock");
        Process holder = HoldLock.start(lock);
        try {
            Files.setLastModifiedTime(lock, FileTime.from(clock.instant().minusSeconds(5)));
            CheckResult writing = check(settings(), "lock");
            assertThat(writing.status()).as(writing.message()).isEqualTo(CheckStatus.OK);
            assertThat(writing.message()).isEqualTo("a writer (pid " + holder.pid() + ") holds the lock since 5 s: a "
                    + "write in progress");

            Files.setLastModifiedTime(lock, FileTime.from(clock.instant().minus(Duration.ofMinutes(10))));
            CheckResult stuck = check(settings(), "lock");

            assertThat(stuck.severity()).isEqualTo(Severity.P1);
            assertThat(stuck.message()).isEqualTo("pid " + holder.pid() + " has held the json store's write lock for "
                    + "600 s; other writers wait and fail with DATABASE_BUSY");
            assertThat(stuck.evidence()).containsEntry("pid", holder.pid()).containsEntry("heldSeconds", 600L);
            assertThat(stuck.fix().action()).isEqualTo("kill " + holder.pid());
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        assertThat(check(settings(), "lock").status()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void theOperationLogBesideTheFileIsNeitherParsedNorSizedNorTakenForTheLock() throws Exception {
        Stores.workload(settings(), clock, 3);
        Path oplog = dir.resolve("state.json.oplog");
        assertThat(oplog).as("the workload's operation log").exists();
        try (var out = Files.newOutputStream(oplog, java.nio.file.StandardOpenOption.APPEND)) {
            out.write("{\"type\":\"minute\", not json\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write(new byte[2 * 1024 * 1024]); // over a 1 MiB limit, and a half line at the end
        }
        Path oplogLock = dir.resolve("state.json.oplog.lock");
        Settings limit = Stores.with(settings(), Setting.DOCTOR_JSON_MAX_MB, "1");
        Process holder = HoldLock.start(oplogLock);
        try {
            Files.setLastModifiedTime(oplogLock, FileTime.from(clock.instant().minus(Duration.ofMinutes(10))));

            DoctorReport report = doctor(limit);

            assertThat(report.atLeast(Severity.P2)).isEmpty();
            assertThat(report.check("parse").orElseThrow().message()).isEqualTo("the file parses: 3 loops, 1 specs");
            assertThat(report.check("file-size").orElseThrow().status()).isEqualTo(CheckStatus.OK);
            assertThat(report.check("lock").orElseThrow().message()).isEqualTo("no writer holds the lock");
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
    }

    @Test
    void whatIsNotAReadableFileIsAP0ConnectionFinding() throws Exception {
        DoctorReport missing = doctor(settings());
        assertThat(missing.check("connection").orElseThrow().message()).isEqualTo("json store '" + file()
                + "' does not exist");
        assertThat(missing.reachable()).isFalse();

        Files.createDirectory(file());
        assertThat(doctor(settings()).check("connection").orElseThrow().message()).isEqualTo("json store '" + file()
                + "' is a directory, not a file");
        Files.delete(file());

        assumeThat(new ProcessBuilder("mkfifo", file().toString()).start().waitFor()).as("mkfifo").isZero();
        DoctorReport fifo = doctor(settings());
        assertThat(fifo.check("connection").orElseThrow().message()).isEqualTo("json store '" + file()
                + "' is a FIFO (named pipe), not a file");
        assertThat(fifo.reachable()).isFalse();
    }

    /** Skipped as root, whom permissions do not stop. */
    @Test
    void anUnreadableFileSaysToChmod() throws Exception {
        Stores.init(settings(), clock);
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(file())).as("running as root: permissions do not stop reads").isFalse();

        CheckResult connection = doctor(settings()).check("connection").orElseThrow();

        assertThat(connection.message()).isEqualTo("cannot read json store '" + file() + "': permission denied");
        assertThat(connection.runbook()).startsWith("make it readable by the user running statekeeper: chmod u+r '");
    }
}
