package dev.statekeeper.cli;

import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.testkit.Together;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code db migrate [--dry-run]} and {@code db migrate status} on a real PostgreSQL 16, one database per test. */
class PostgresMigrateCommandsTest {
    private final PostgresServer server = PostgresServer.shared();

    @TempDir
    Path dir;

    private CliRunner cli(String database) {
        return new CliRunner(dir).env("STATEKEEPER_BACKEND", "postgres").env("DATABASE_URL", server.url(database))
                .env("STATEKEEPER_AUTO_MIGRATE", "false");
    }

    @Test
    void aDatabaseBehindByOneMigrationIsRefusedByDbStatusAndMigratedByDbMigrate() throws Exception {
        String database = server.createDatabase();
        OldSchemas.Newest newest = OldSchemas.postgresBehindByOne(server.jdbcUrl(database));
        CliRunner cli = cli(database);
        String store = "the postgres store at " + server.url(database);

        CliRunner.Result refused = cli.run("db", "status");
        assertThat(refused.exitCode()).isEqualTo(6);
        assertThat(refused.err()).isEqualTo("statekeeper: PostgreSQL database '" + database + "' at localhost:"
                + server.port() + " is at schema version " + newest.previous() + " but this build needs "
                + newest.version() + "; run 'statekeeper db migrate' or set STATEKEEPER_AUTO_MIGRATE=true\n"
                + MigrateCommandsTest.DRIFT_FIX);

        CliRunner.Result status = cli.run("db", "migrate", "status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).startsWith("backend         postgres\nlocation        " + server.url(database)
                + "\nschema version  " + newest.previous() + "\nthis build      " + newest.version() + "\n")
                .containsPattern("\n" + newest.version() + " +" + newest.description() + " +-?[0-9]+ +- +pending\n")
                .endsWith("\n\n1 migration is pending: 'statekeeper db migrate' applies it\n");

        assertThat(cli.ok("db", "migrate", "--dry-run")).isEqualTo("would apply 1 migration to " + store
                + " (dry run: nothing was written):\n  V" + newest.version() + " " + newest.description() + "\n");
        assertThat(cli.run("db", "status").exitCode()).as("a dry run writes nothing").isEqualTo(6);

        assertThat(cli.run("db", "migrate")).isEqualTo(new CliRunner.Result(0, "applied 1 migration to " + store
                + ":\n  V" + newest.version() + " " + newest.description() + "\nschema version " + newest.version()
                + ", this build's newest\n", ""));
        assertThat(cli.ok("db", "status")).startsWith("backend         postgres\n")
                .contains("\nschema version  " + newest.version() + "\n");
        assertThat(cli.ok("db", "migrate")).isEqualTo("nothing to apply: " + store + " is at schema version "
                + newest.version() + ", this build's newest\n");
    }

    @Test
    void aFailedMigrationAChangedOneAndANewerOneAreDriftAndNothingIsApplied() throws Exception {
        String database = server.createDatabase();
        String jdbc = server.jdbcUrl(database);
        OldSchemas.Newest newest = OldSchemas.postgresBehindByOne(jdbc);
        OldSchemas.postgresSql(jdbc, "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'; "
                + "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                + "installed_by, execution_time, success) VALUES (90, '" + newest.version() + "', '"
                + newest.description() + "', 'SQL', 'V.sql', 1, 'me', 1, false), "
                + "(92, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 3, 'me', 1, true)");
        CliRunner cli = cli(database);

        CliRunner.Result status = cli.run("db", "migrate", "status");

        assertThat(status.exitCode()).isEqualTo(6);
        assertThat(status.out()).containsPattern("\n1 +initial schema +12345 +[0-9T:-]+Z +checksum-mismatch\n")
                .containsPattern("\n" + newest.version() + " +" + newest.description() + " +1 +[0-9T:-]+Z +failed\n")
                .containsPattern("\n99 +from the future +3 +[0-9T:-]+Z +newer\n");
        assertThat(status.err()).isEqualTo("statekeeper: 3 migrations of the postgres store at " + server.url(database)
                + " do not match this build's\n" + MigrateCommandsTest.DRIFT_FIX);

        CliRunner.Result migrate = cli.run("db", "migrate");
        assertThat(migrate.exitCode()).isEqualTo(6);
        assertThat(migrate.err()).startsWith("statekeeper: PostgreSQL database '" + database + "' at localhost:"
                + server.port() + " has migrations that do not match this build's, so none was applied: V1 initial "
                + "schema: checksum-mismatch (database 12345, this build ");
        assertThat(OldSchemas.postgresQuery(jdbc, "SELECT count(*) FROM flyway_schema_history WHERE success"))
                .isEqualTo(String.valueOf(newest.migrations())); // the ones before the newest, and V99
    }

    @Test
    void twoMigrationsAtOnceApplyEachMigrationOnce() throws Exception {
        String database = server.createDatabase();
        CliRunner cli = cli(database);

        List<CliRunner.Result> results = Together.run(2, w -> cli.run("db", "migrate", "--json"));

        List<String> applied = new ArrayList<>();
        for (CliRunner.Result result : results) {
            assertThat(result.exitCode()).as(result.err()).isZero();
            Json.mapper().readTree(result.out()).get("migrations").forEach(m -> applied.add(m.get("version").asText()));
        }
        String latest = Json.mapper().readTree(results.getFirst().out()).get("latest").asText();
        // versions may leave gaps (V8 is not this build's): every migration of this build once, the newest last
        assertThat(applied).doesNotHaveDuplicates().endsWith(latest);
        assertThat(OldSchemas.postgresQuery(server.jdbcUrl(database), "SELECT count(*) || ' ' || count(DISTINCT version) "
                + "FROM flyway_schema_history WHERE version IS NOT NULL")).isEqualTo(applied.size() + " " + applied.size());
        assertThat(cli.ok("db", "status")).startsWith("backend         postgres\n");
    }

    @Test
    void aDatabaseThatCannotBeReachedExitsFive() {
        CliRunner.Result status = cli("nope").run("db", "migrate", "status");

        assertThat(status.exitCode()).isEqualTo(5);
        assertThat(status.err()).startsWith("statekeeper: open failed on PostgreSQL database 'nope' at localhost:"
                + server.port() + ": database 'nope' does not exist;");
        assertThat(cli("nope").run("db", "migrate").exitCode()).isEqualTo(5);
    }
}
