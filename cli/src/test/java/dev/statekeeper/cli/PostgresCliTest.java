package dev.statekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI against a real PostgreSQL 16, chosen the way the seeds' operators do it. */
class PostgresCliTest {
    @TempDir
    Path dir;

    @Test
    void theDoctorsPoolUsageIsSkippedInTheCliAndSaysWhereToAsk() throws Exception {
        PostgresServer server = PostgresServer.shared();
        CliRunner cli = new CliRunner(dir).env("STATEKEEPER_BACKEND", "postgres")
                .env("DATABASE_URL", server.url(server.createDatabase()));
        cli.ok("init");

        JsonNode report = new ObjectMapper().readTree(cli.ok("doctor", "--json", "--check", "pool-usage"));

        assertThat(report.get("checks").size()).isEqualTo(2);
        JsonNode pool = report.get("checks").get(1);
        assertThat(pool.get("id").asText()).isEqualTo("pool-usage");
        assertThat(pool.get("status").asText()).isEqualTo("skipped");
        assertThat(pool.get("skipReason").asText()).isEqualTo("only the process that serves the store knows how its "
                + "pool fares (this command's own pool is new and idle): run it there, GET "
                + "/api/v1/doctor?check=pool-usage on the running 'statekeeper serve', or the MCP tool run_doctor");
        assertThat(cli.ok("doctor", "--help").replaceAll("\\s+", " ")).contains("server-connections, pool-usage, "
                + "long-running-queries", "pool-usage judges the pool of the process that serves the store");
    }

    @Test
    void perfExplainsAnOperationWithTheStoresOwnArgumentsAndPerfSqlSaysHowToEnableTheExtension() throws Exception {
        PostgresServer server = PostgresServer.shared();
        CliRunner cli = new CliRunner(dir).env("STATEKEEPER_BACKEND", "postgres")
                .env("DATABASE_URL", server.url(server.createDatabase()));
        String id = cli.ok("loop", "create", "--project", "demo", "--type", "spec").strip();
        cli.ok("loop", "feedback", id, "--critic", "c", "--score", "50", "--summary", "s");

        JsonNode plan = new ObjectMapper().readTree(cli.ok("perf", "explain", "getLoop", "--json"));
        String text = cli.ok("perf", "explain", "addFeedback");
        JsonNode statements = new ObjectMapper().readTree(cli.ok("perf", "--sql", "--json"));

        assertThat(plan.get("operation").asText()).isEqualTo("getLoop");
        assertThat(plan.get("arguments").asText()).contains(id);
        assertThat(plan.get("seqScans").size()).isZero();
        assertThat(text).contains("addFeedback");
        assertThat(cli.ok("loop", "get", id, "--json")).as("explain rolled its writes back")
                .contains("\"scoreHistory\" : [ 50 ]");
        assertThat(statements.get("available").asBoolean()).as("the shared server does not preload it").isFalse();
        assertThat(statements.get("unavailableReason").asText()).contains("shared_preload_libraries");
        assertThat(cli.run("perf", "explain", "dropTables").err()).startsWith("statekeeper: ");
        assertThat(cli.run("perf", "explain", "dropTables").exitCode()).isEqualTo(2);
    }

    @Test
    void storesAndReadsStateWithStatekeeperBackendPostgres() {
        PostgresServer server = PostgresServer.shared();
        CliRunner cli = new CliRunner(dir).env("STATEKEEPER_BACKEND", "postgres")
                .env("DATABASE_URL", server.url(server.createDatabase()));

        String id = cli.ok("loop", "create", "--project", "demo", "--type", "spec").strip();
        cli.ok("loop", "feedback", id, "--critic", "c", "--score", "90", "--summary", "s");

        assertThat(cli.ok("loop", "decide", id)).contains("status     completed\n");
        assertThat(cli.ok("db", "status")).startsWith("backend         postgres\n").contains("\n  feedback       1\n");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void importReplacingTheRecordsOfAPostgresStoreBacksThemUpFirst() throws Exception {
        PostgresServer server = PostgresServer.shared();
        CliRunner cli = new CliRunner(dir).env("STATEKEEPER_BACKEND", "postgres")
                .env("DATABASE_URL", server.url(server.createDatabase()));
        cli.ok("session", "start", "held");
        String held = cli.ok("db", "export");
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), new CliRunner(dir.resolve("e")).ok("db", "export"));

        String out = cli.ok("db", "import", empty.toString(), "--mode", "replace");

        assertThat(out).endsWith(" (replace); the records it held were backed up first to "
                + dir.resolve("backups/pre-import-20260101T000000Z") + "\n");
        assertThat(cli.ok("db", "status")).contains("\n  sessions       0\n");
        cli.ok("db", "restore", "pre-import-20260101T000000Z");
        assertThat(cli.ok("db", "export")).isEqualTo(held);
    }

    @Test
    void theSeedsStateManagerDatabaseVariableSelectsPostgres() {
        PostgresServer server = PostgresServer.shared();
        CliRunner cli = new CliRunner(dir).env("STATEKEEPER_BACKEND", null)
                .env("STATE_MANAGER", "database").env("DATABASE_URL", server.url(server.createDatabase()));

        String id = cli.ok("loop", "create", "--project", "demo", "--type", "plan").strip();

        assertThat(cli.ok("loop", "get", id)).startsWith("id         " + id + "\n");
        assertThat(cli.ok("db", "status")).startsWith("backend         postgres\n");
    }

    @Test
    void aMissingDatabaseIsReportedWithoutThePassword() {
        PostgresServer server = PostgresServer.shared();
        String url = server.url("nope").replace("postgresql://" + PostgresServer.USER + "@",
                "postgresql://" + PostgresServer.USER + ":s3cret@");
        CliRunner.Result result = new CliRunner(dir).env("STATEKEEPER_BACKEND", "postgres").env("DATABASE_URL", url)
                .run("loop", "list");

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).startsWith("statekeeper: open failed on PostgreSQL database 'nope' at localhost:"
                + server.port() + ": database 'nope' does not exist; create it: psql -U postgres -c "
                + "\"CREATE DATABASE nope;\" and grant it to the user, then run 'statekeeper init'\n  fix: ")
                .doesNotContain("s3cret");
    }

    @Test
    void testConnectionSaysItIsOkWithThePoolOrWhatIsWrong() {
        PostgresServer server = PostgresServer.shared();
        CliRunner cli = new CliRunner(dir).env("STATEKEEPER_BACKEND", "postgres")
                .env("DATABASE_URL", server.url(server.createDatabase()));

        assertThat(cli.ok("db", "test-connection")).startsWith("connection ok\nbackend         postgres\n")
                .containsPattern("\nanswered in     [0-9.]+ ms\n").containsPattern("\npool            [0-9]+ active, ");

        CliRunner.Result missing = cli.env("DATABASE_URL", server.url("nope")).run("db", "test-connection");
        assertThat(missing.exitCode()).isEqualTo(5);
        assertThat(missing.err()).startsWith("statekeeper: open failed on PostgreSQL database 'nope' at localhost:"
                + server.port() + ": database 'nope' does not exist;");
    }
}
