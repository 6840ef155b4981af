package dev.statekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.testkit.Fixtures;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code db verify [--repair]} and {@code db recover [--backup-first]} on real files, as an operator runs them. */
class VerifyRecoverCommandsTest {
    private static final String FEEDBACK_FIX = "'statekeeper db verify --repair' deletes them";

    @TempDir
    Path dir;

    @Test
    void verifyPrintsEachFindingAndExitsSixRepairFixesItAndSaysWhat() throws Exception {
        CliRunner cli = new CliRunner(dir);
        cli.ok("loop", "create", "--project", "demo", "--type", "spec");
        sql("INSERT INTO critic_feedback (loop_id, seq, critic_agent, iteration, overall_score, assessment_summary, "
                + "detailed_feedback, key_issues, recommendations, assessed_at) VALUES "
                + "('ghost001', 1, 'c', 1, 50, 's', '', '[]', '[]', 0), ('ghost001', 2, 'c', 1, 50, 's', '', '[]', '[]', 0)");
        Path file = dir.resolve("state.db");

        CliRunner.Result verify = cli.run("db", "verify");
        assertThat(verify.exitCode()).isEqualTo(6);
        assertThat(verify.out()).isEqualTo("error: critic_feedback loop_id='ghost001': 2 feedback entries of loop "
                + "'ghost001', which does not exist; fix: " + FEEDBACK_FIX + "\n"
                + "sqlite store '" + file + "': 1 error, 0 warnings\n");
        assertThat(verify.err()).startsWith("statekeeper: 1 error found in sqlite store '" + file + "'; each finding "
                + "says how to fix it\n  fix: ");

        JsonNode json = Json.mapper().readTree(cli.run("db", "verify", "--json").out());
        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).get("severity").asText()).isEqualTo("error");
        assertThat(json.get(0).get("check").asText()).isEqualTo("orphans");
        assertThat(json.get(0).get("where").asText()).isEqualTo("critic_feedback loop_id='ghost001'");
        assertThat(json.get(0).get("fix").asText()).isEqualTo(FEEDBACK_FIX);

        CliRunner.Result repair = cli.run("db", "verify", "--repair");
        assertThat(repair.exitCode()).isZero();
        Path backup = dir.resolve("backups/pre-repair-20260101T000000Z");
        assertThat(repair.out()).endsWith("backup: " + backup + "\n"
                + "changed: critic_feedback: deleted 2 feedback entries of loop 'ghost001', which does not exist\n"
                + "after repair:\n"
                + "sqlite store '" + file + "': no problems found\n");
        assertThat(backup.resolve("state.db")).exists();
        assertThat(cli.ok("db", "verify")).isEqualTo("sqlite store '" + file + "': no problems found\n");
    }

    @Test
    void verifyReportsAGapInTheChangeHistoryAndRepairLeavesTheHistoryAlone() throws Exception {
        CliRunner cli = new CliRunner(dir);
        for (int n = 0; n < 3; n++) {
            cli.ok("loop", "create", "--project", "demo", "--type", "spec");
        }
        sql("DELETE FROM events WHERE sequence = 2");
        Path file = dir.resolve("state.db");
        String gap = "error: events: the change history lacks 1 event between its oldest kept event (1) and its newest "
                + "(3): sequence 2; fix: nothing can restore lost events short of a backup that holds them (events "
                + "deleted by hand or lost with damaged pages leave such gaps); the records are not affected and "
                + "--repair does not renumber the history; the finding goes once STATEKEEPER_EVENTS_RETENTION prunes "
                + "the events before the gap ('statekeeper db maintain')\n";
        String note = "info: events: 1 record has no event giving its version, so the history cannot check it (1 loop); "
                + "fix: nothing to do: records stored before the history was kept, imported, recovered without their "
                + "history, or whose events STATEKEEPER_EVENTS_RETENTION pruned have none\n";

        CliRunner.Result verify = cli.run("db", "verify");

        assertThat(verify.exitCode()).isEqualTo(6);
        assertThat(verify.out()).isEqualTo(gap + note + "sqlite store '" + file + "': 1 error, 0 warnings, 1 note\n");
        JsonNode json = Json.mapper().readTree(cli.run("db", "verify", "--json").out());
        assertThat(json.get(0).get("check").asText()).isEqualTo("events");
        assertThat(json.get(1).get("severity").asText()).isEqualTo("info");

        CliRunner.Result repair = cli.run("db", "verify", "--repair");
        assertThat(repair.exitCode()).isEqualTo(6);
        assertThat(repair.out()).isEqualTo(gap + note + "sqlite store '" + file + "': 1 error, 0 warnings, 1 note\n"
                + "note: nothing to repair: the remaining findings need a decision, see their fixes\n");
        assertThat(dir.resolve("backups")).doesNotExist();

        sql("DELETE FROM events");
        assertThat(cli.ok("db", "verify")).isEqualTo(note.replace("1 record has", "3 records have")
                .replace("its version", "their version").replace("check it (1 loop)", "check them (3 loops)")
                + "sqlite store '" + file + "': no problems found, 1 note\n");
    }

    @Test
    void recoverSalvagesADamagedFileKeepsItAndTheStoreWorksAgain() throws Exception {
        Settings settings = Settings.builder().set(Setting.DATA_DIR, dir.toString()).build();
        try (StateStore store = StateStores.open(settings, TestClock.frozen())) {
            for (int n = 0; n < 300; n++) {
                String id = String.format("loop%04d", n);
                store.createLoop(new NewLoop("demo", LoopType.SPEC, id));
                store.addFeedback(id, Fixtures.feedback(70), null);
            }
        }
        sql("PRAGMA wal_checkpoint(TRUNCATE)");
        overwriteMiddleLeaf("critic_feedback");
        CliRunner cli = new CliRunner(dir);

        CliRunner.Result verify = cli.run("db", "verify");
        assertThat(verify.exitCode()).isEqualTo(6);
        assertThat(verify.out()).startsWith("error: critic_feedback (page ");

        CliRunner.Result recover = cli.run("db", "recover", "--backup-first");

        assertThat(recover.exitCode()).as(recover.err()).isZero();
        Path file = dir.resolve("state.db");
        assertThat(recover.out()).startsWith("recovered sqlite store " + file + ": ")
                .contains("\nthe damaged file is kept as " + file + ".damaged-20260101T000000Z\n"
                        + "it was copied first into " + dir.resolve("backups/pre-recover-20260101T000000Z") + "\n"
                        + "TABLE                  RECOVERED  LOST  DETAIL\n"
                        + "loop_states            300        0\n")
                .containsPattern("\ncritic_feedback        2\\d\\d        \\d+ +rowids \\d+-\\d+ unreadable\n")
                .endsWith("sqlite store '" + file + "': no problems found\n");
        assertThat(dir.resolve("state.db.damaged-20260101T000000Z")).exists();
        assertThat(cli.ok("db", "status")).contains("\n  loops          300\n");
        assertThat(cli.ok("db", "verify")).isEqualTo("sqlite store '" + file + "': no problems found\n");
    }

    @Test
    void aTruncatedJsonStoreIsRecoveredAsJson() throws Exception {
        CliRunner cli = new CliRunner(dir).env("STATEKEEPER_BACKEND", "json");
        for (int n = 0; n < 5; n++) {
            cli.ok("loop", "create", "--project", "demo", "--type", "plan");
        }
        Path file = dir.resolve("state.json");
        byte[] whole = Files.readAllBytes(file);
        // cut inside the last loop (the change history, after the records, makes up much of the file's end)
        int specs = new String(whole, StandardCharsets.UTF_8).indexOf("\"specs\"");
        assertThat(specs).isPositive();
        Files.write(file, Arrays.copyOf(whole, specs - 40));

        assertThat(cli.run("loop", "list").exitCode()).isEqualTo(6);
        JsonNode report = Json.mapper().readTree(cli.ok("db", "recover", "--json"));

        assertThat(report.get("backend").asText()).isEqualTo("json");
        assertThat(report.get("damaged").asText()).isEqualTo(file + ".damaged-20260101T000000Z");
        assertThat(report.get("tables").get(1).get("table").asText()).isEqualTo("loops");
        assertThat(report.get("tables").get(1).get("recovered").asLong()).isBetween(1L, 4L);
        // the history, at the end of the file, was cut off: the recovered store has none, which verify notes
        assertThat(report.get("after").size()).isOne();
        assertThat(report.get("after").get(0).get("severity").asText()).isEqualTo("info");
        assertThat(report.get("after").get(0).get("check").asText()).isEqualTo("events");
        assertThat(cli.run("loop", "list").exitCode()).isZero();
    }

    @Test
    void memoryHasNothingToVerifyAndPostgresRepairBacksUpFixesAndTheBackupRestores() throws Exception {
        assertThat(new CliRunner(dir).ok("--backend", "memory", "db", "verify")).isEqualTo("memory store 'in-process "
                + "memory': nothing to verify (its state lives only in the process that holds it)\n");
        assertThat(new CliRunner(dir).ok("--backend", "memory", "db", "verify", "--json")).isEqualTo("[ ]\n");

        PostgresServer server = PostgresServer.shared();
        String database = server.createDatabase();
        String store = "postgres store 'postgresql://postgres@localhost:" + server.port() + "/" + database + "'";
        CliRunner postgres = new CliRunner(dir).env("STATEKEEPER_BACKEND", "postgres")
                .env("DATABASE_URL", server.url(database));
        postgres.ok("init");
        postgres.ok("loop", "create", "--project", "demo", "--type", "spec");
        assertThat(postgres.ok("db", "verify")).isEqualTo(store + ": no problems found\n");
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute("INSERT INTO critic_feedback (loop_id, seq, critic_agent, iteration, overall_score, "
                    + "assessment_summary, detailed_feedback, key_issues, recommendations, assessed_at) VALUES "
                    + "('ghost001', 1, 'c', 1, 50, 's', '', '[]', '[]', now())");
        }

        CliRunner.Result repair = postgres.run("db", "verify", "--repair");

        Path backup = dir.resolve("backups/pre-repair-20260101T000000Z");
        assertThat(repair.exitCode()).isZero();
        assertThat(repair.out()).isEqualTo("error: critic_feedback loop_id='ghost001': 1 feedback entry of loop "
                + "'ghost001', which does not exist; fix: 'statekeeper db verify --repair' deletes it\n"
                + store + ": 1 error, 0 warnings\n"
                + "backup: " + backup + "\n"
                + "changed: critic_feedback: deleted 1 feedback entry of loop 'ghost001', which does not exist\n"
                + "note: the backup is the portable export 'db backup' writes (restore it with 'statekeeper db restore "
                + "DIR'): it holds the records as the store reads them, so not the orphaned rows, nor a spec none of "
                + "whose revisions exist; for a copy of every row take a pg_dump as well\n"
                + "after repair:\n"
                + store + ": no problems found\n");
        assertThat(backup.resolve("manifest.json")).isRegularFile();
        assertThat(postgres.ok("db", "restore", backup.toString())).startsWith("restored backup pre-repair-20260101T000000Z: ");
        assertThat(postgres.ok("loop", "list")).contains("demo");
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private void overwriteMiddleLeaf(String table) throws Exception {
        Path file = dir.resolve("state.db");
        long page;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT pageno FROM dbstat WHERE name = '" + table
                     + "' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET (SELECT count(*) / 2 FROM dbstat WHERE "
                     + "name = '" + table + "' AND pagetype = 'leaf')")) {
            rows.next();
            page = rows.getLong(1);
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[4096];
            Arrays.fill(garbage, (byte) 0xA5);
            f.seek((page - 1) * garbage.length);
            f.write(garbage);
        }
    }
}
