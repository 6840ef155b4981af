package dev.statekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statekeeper.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** {@code statekeeper doctor} and {@code healthcheck} as an operator and cron run them, on real files. */
class DoctorCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("state.db");
    }

    private CliRunner store() {
        CliRunner cli = new CliRunner(dir);
        cli.ok("init");
        cli.ok("loop", "create", "--project", "demo", "--type", "spec");
        return cli;
    }

    @Test
    void aHealthyStoreExitsZeroWithTheReportGroupedBySeverity() {
        CliRunner.Result result = store().run("doctor");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).matches("(?s)sqlite store " + file() + ": 14 checks in \\d+ ms: 1 P3, 12 ok, 1 skipped\n"
                + "\nP3 minor \\(respond < 4 h\\)\n"
                + "  backup-age: no backup in '" + dir.resolve("backups") + "' yet\n"
                + "    evidence: directory=" + dir.resolve("backups") + "\n"
                + "    threshold: newest backup younger than 48 h \\(2 x STATEKEEPER_BACKUP_INTERVAL=86400\\)\n"
                + "    runbook: take one now .*\n"
                + "    fix: statekeeper db backup\n"
                + "    undo: remove the new backup's directory \\(the store is unchanged\\)\n"
                + "\nskipped\n  backup-integrity: no backup in '" + dir.resolve("backups") + "' yet \\(see backup-age\\)\n"
                + "\nok: connection, integrity, foreign-keys, journal-mode, freelist, wal-size, stats-age, disk-space, "
                + "migrations, maintenance-age, slow-operations, error-rate\n");
    }

    @Test
    void jsonHasTheStableKeysAndMarkdownIsForATicket() throws Exception {
        CliRunner cli = store();

        JsonNode report = JSON.readTree(cli.ok("doctor", "--json"));
        String markdown = cli.ok("doctor", "--format", "markdown");

        assertThat(fields(report)).containsExactly("backend", "target", "startedAt", "durationMs", "summary", "checks");
        assertThat(report.get("target").asText()).isEqualTo(file().toString());
        assertThat(report.get("startedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(report.get("summary").toString()).isEqualTo("{\"P0\":0,\"P1\":0,\"P2\":0,\"P3\":1,\"ok\":12,"
                + "\"skipped\":1,\"error\":0}");
        assertThat(fields(report.get("checks").get(0))).containsExactly("id", "title", "status", "severity",
                "evidence", "threshold", "message", "runbook", "fix", "skipReason");
        assertThat(JSON.readTree(cli.ok("doctor", "--format", "json")).get("summary")).isEqualTo(report.get("summary"));
        assertThat(markdown).startsWith("# Statekeeper doctor: sqlite store `" + file() + "`\n\n2026-01-01T00:00:00Z, ")
                .contains("\n## P3 `backup-age`: A recent backup exists\n\nno backup in '", "\n## OK\n\n`connection`, ");
    }

    @Test
    void failOnDecidesWhichSeverityExitsSix() {
        CliRunner cli = store();

        CliRunner.Result strict = cli.run("doctor", "--fail-on", "p3");

        assertThat(strict.exitCode()).isEqualTo(6);
        assertThat(strict.err()).isEqualTo("statekeeper: 1 finding at P3 or worse; the worst: P3 backup-age: no backup "
                + "in '" + dir.resolve("backups") + "' yet\n  fix: " + ErrorCode.DOCTOR_FINDINGS.fix() + "\n");
        assertThat(strict.out()).startsWith("sqlite store " + file());
    }

    @Test
    void aStoreThatCannotBeReachedExitsFiveAndTheReportSaysWhy() throws Exception {
        CliRunner cli = new CliRunner(dir);

        CliRunner.Result missing = cli.run("doctor");

        assertThat(missing.exitCode()).isEqualTo(5);
        assertThat(missing.out()).contains("\nP0 outage (respond at once (< 5 min))\n  connection: sqlite database '"
                + file() + "' does not exist\n");
        assertThat(missing.err()).isEqualTo("statekeeper: the doctor cannot reach the store: sqlite database '" + file()
                + "' does not exist\n  fix: " + ErrorCode.CANNOT_OPEN.fix() + "\n");
        assertThat(file()).doesNotExist();

        Files.createDirectory(file());
        assertThat(cli.run("doctor").exitCode()).isEqualTo(5);
        assertThat(cli.run("healthcheck").out()).isEqualTo("P0 connection: sqlite database '" + file() + "' is a "
                + "directory, not a file\n");
        Files.delete(file());
        assumeThat(new ProcessBuilder("mkfifo", file().toString()).start().waitFor()).as("mkfifo").isZero();
        CliRunner.Result fifo = cli.run("healthcheck");
        assertThat(fifo.exitCode()).isEqualTo(5);
        assertThat(fifo.out()).isEqualTo("P0 connection: sqlite database '" + file() + "' is a FIFO (named pipe), not a "
                + "file\n");
    }

    @Test
    void aGarbageFileIsReachedButDamagedSoItExitsSix() throws Exception {
        Files.write(file(), "not a database\n".repeat(300).getBytes(StandardCharsets.UTF_8));

        CliRunner.Result result = new CliRunner(dir).run("doctor");

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).startsWith("statekeeper: 1 finding at P1 or worse; the worst: P0 connection: sqlite "
                + "database '" + file() + "' cannot be read as a SQLite database: [SQLITE_NOTADB]");
        assertThat(Files.readString(file())).isEqualTo("not a database\n".repeat(300));
    }

    @Test
    void badFlagsAreUsageErrorsThatSayWhatIsAllowed() {
        CliRunner cli = store();

        CliRunner.Result unknown = cli.run("doctor", "--check", "integrity", "--check", "vacuum-age");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("statekeeper: unknown check 'vacuum-age' for the sqlite backend; its checks "
                + "are: connection, integrity, foreign-keys, journal-mode, freelist, wal-size, stats-age, disk-space, "
                + "migrations, backup-age, backup-integrity, maintenance-age, slow-operations, error-rate\n");
        assertThat(unknown.out()).isEmpty();
        CliRunner.Result failOn = cli.run("doctor", "--fail-on", "P9");
        assertThat(failOn.exitCode()).isEqualTo(2);
        assertThat(failOn.err()).startsWith("statekeeper: Invalid value for option '--fail-on': 'P9' is not a severity: "
                + "use P0, P1, P2 or P3\n");
        assertThat(cli.run("doctor", "--format", "yaml").err()).startsWith("statekeeper: --format yaml: use text, json "
                + "or markdown\n");
        assertThat(cli.run("doctor", "--json", "--format", "markdown").err()).contains("\"message\" : \"--json and "
                + "--format markdown ask for two formats: use one\"");
        assertThat(cli.run("doctor", "--yes").err()).startsWith("statekeeper: --yes goes with --fix\n");
        assertThat(cli.run("healthcheck", "--fail-on", "").exitCode()).isEqualTo(2);
        CliRunner.Result threshold = cli.env("STATEKEEPER_DOCTOR_DISK_FREE_PERCENT", "150").run("doctor");
        assertThat(threshold.exitCode()).isEqualTo(2);
        assertThat(threshold.err()).startsWith("statekeeper: ").contains("STATEKEEPER_DOCTOR_DISK_FREE_PERCENT = '150': "
                + "must be between 1 and 99 (from the environment)");
    }

    @Test
    void checkRunsOnlyTheNamedChecksAndIntegrityThenRunsTheFullCheck() throws Exception {
        JsonNode report = JSON.readTree(store().ok("doctor", "--json", "--check", "integrity"));

        List<String> ids = new ArrayList<>();
        report.get("checks").forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids).containsExactly("connection", "integrity");
        assertThat(report.get("checks").get(1).get("evidence").get("pragma").asText()).isEqualTo("integrity_check");
    }

    @Test
    void fixAsksThenAppliesTheSafeFixesWithTheirUndoAndChecksAgain() throws Exception {
        CliRunner cli = store().env("STATEKEEPER_DOCTOR_STATS_MIN_ROWS", "0");

        CliRunner.Result declined = cli.runWithInput("n\n", "doctor", "--fix");
        assertThat(declined.exitCode()).isZero();
        assertThat(declined.out()).contains("\nsafe fixes:\n  stats-age: PRAGMA optimize(0x10012)\n    undo: DELETE "
                + "FROM sqlite_stat1").endsWith("nothing applied\n");
        assertThat(declined.err()).isEqualTo("apply 1 safe fix? [y/N] ");

        CliRunner.Result applied = cli.runWithInput("yes\n", "doctor", "--fix");
        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("\napplied stats-age: ran on sqlite database '" + file() + "'\n"
                + "after the fixes: sqlite store " + file() + ": 14 checks in ");
        assertThat(cli.ok("doctor", "--fix", "--yes")).contains("\nno safe fixes to apply\n");

        JsonNode run = JSON.readTree(cli.ok("doctor", "--fix", "--yes", "--json"));
        assertThat(fields(run)).containsExactly("report", "fixes", "after");
        assertThat(run.get("fixes").isEmpty()).isTrue();
        assertThat(run.get("after").isNull()).isTrue();
    }

    @Test
    void healthcheckIsQuietWhenHealthyAndOneLineWhenNot() throws Exception {
        CliRunner cli = store();

        CliRunner.Result healthy = cli.run("healthcheck");
        assertThat(healthy.exitCode()).isZero();
        assertThat(healthy.out()).isEmpty();
        assertThat(healthy.err()).isEmpty();

        CliRunner.Result strict = cli.run("healthcheck", "--fail-on", "P3");
        assertThat(strict.exitCode()).isEqualTo(6);
        assertThat(strict.out()).isEqualTo("P3 backup-age: no backup in '" + dir.resolve("backups") + "' yet\n");
        assertThat(strict.err()).isEmpty();

        JsonNode report = JSON.readTree(cli.ok("healthcheck", "--json"));
        List<String> ids = new ArrayList<>();
        report.get("checks").forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids).as("cheap checks only: no scan, no hashing").containsExactly("connection", "journal-mode",
                "freelist", "wal-size", "stats-age", "disk-space", "backup-age");
    }

    @Test
    void healthcheckOfADamagedJsonStoreNamesTheParseFinding() throws Exception {
        CliRunner cli = new CliRunner(dir).env("STATEKEEPER_BACKEND", "json");
        cli.ok("init");
        Files.writeString(dir.resolve("state.json"), "{\"format\": \"statekeeper-json\", \"loops\": [");

        CliRunner.Result result = cli.run("healthcheck");

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.out()).startsWith("P0 parse: json store '" + dir.resolve("state.json") + "': not valid JSON at "
                + "line 1, column ");
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
