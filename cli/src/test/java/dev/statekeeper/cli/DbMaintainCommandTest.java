package dev.statekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code statekeeper db maintain [--dry-run]} on a real SQLite file, as an operator's cron runs it. */
class DbMaintainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aDryRunPrintsTheStepsThenARunDoesThemAndTheDoctorSeesIt() throws Exception {
        CliRunner cli = new CliRunner(dir);
        cli.ok("init");
        cli.ok("loop", "create", "--project", "demo", "--type", "spec");
        Path file = dir.resolve("state.db").toAbsolutePath();

        // a new file has one free page (the index its migration V8 drops)
        assertThat(cli.ok("db", "maintain", "--dry-run")).isEqualTo("would maintain sqlite store " + file + "\n"
                + "  prune events older than 90d (STATEKEEPER_EVENTS_RETENTION): would run\n"
                + "  PRAGMA optimize: would run\n  ANALYZE: would run\n  PRAGMA wal_checkpoint(TRUNCATE): would run\n"
                + "  VACUUM: skipped: 1.9 % of the pages (0 MiB) are free, under STATEKEEPER_DOCTOR_FREELIST_PERCENT=25 "
                + "or STATEKEEPER_DOCTOR_FREELIST_MIN_MB=16\n");

        String done = cli.ok("db", "maintain");
        assertThat(done).matches("(?s)maintained sqlite store " + file + " in \\d+ ms\n"
                + "  prune events older than 90d \\(STATEKEEPER_EVENTS_RETENTION\\): 0 events removed \\(\\d+ ms\\)\n"
                + "  PRAGMA optimize: ok \\(\\d+ ms\\)\n"
                + "  ANALYZE: ok \\(\\d+ ms\\)\n  PRAGMA wal_checkpoint\\(TRUNCATE\\): ok: \\d+ of \\d+ frames written back "
                + "\\(\\d+ ms\\)\n  VACUUM: skipped: .*\nrecorded in the maintenance log\n");

        JsonNode json = JSON.readTree(cli.ok("--json", "db", "maintain"));
        assertThat(json.get("result").asText()).isEqualTo("ok");
        assertThat(json.get("dryRun").asBoolean()).isFalse();
        assertThat(json.get("steps").size()).isEqualTo(5);

        JsonNode age = JSON.readTree(cli.ok("doctor", "--json", "--check", "maintenance-age"));
        assertThat(age.at("/checks/1/status").asText()).isEqualTo("ok");
        assertThat(age.at("/checks/1/message").asText()).startsWith("the last maintenance ran ");
    }

    @Test
    void withoutAStoreItSaysSoAndExits5() {
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result missing = cli.run("db", "maintain");
        assertThat(missing.exitCode()).isEqualTo(5);
        assertThat(missing.err()).startsWith("statekeeper: sqlite database '" + dir.resolve("state.db").toAbsolutePath()
                + "' does not exist; create it with 'statekeeper init'\n");
        assertThat(missing.out()).isEmpty();
        assertThat(dir.resolve("state.db")).doesNotExist();

        CliRunner.Result flag = cli.run("db", "maintain", "--dry-run=maybe");
        assertThat(flag.exitCode()).isEqualTo(2);
        assertThat(cli.env("STATEKEEPER_BACKEND", "memory").run("db", "maintain").err()).startsWith("statekeeper: the "
                + "memory backend keeps nothing to maintain: db maintain is for the sqlite, postgres and json backends\n");
    }
}
