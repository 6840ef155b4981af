package dev.statekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.testkit.Together;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code db migrate [--dry-run]} and {@code db migrate status} on real SQLite files an older build left behind. */
class MigrateCommandsTest {
    static final String DRIFT_FIX = "  fix: 'statekeeper db migrate status' shows each migration: applied, pending or "
            + "drifted (failed, changed, unknown to this build); 'statekeeper db migrate' applies the pending ones\n";

    @TempDir
    Path dir;

    private Path file;
    private CliRunner cli;

    @BeforeEach
    void setUp() {
        file = dir.resolve("state.db");
        cli = new CliRunner(dir).env("STATEKEEPER_AUTO_MIGRATE", "false");
    }

    @Test
    void aFileBehindByOneMigrationIsRefusedByInitAndMigratedByDbMigrate() throws Exception {
        OldSchemas.Newest newest = OldSchemas.sqliteBehindByOne(file);
        String v = newest.version();

        CliRunner.Result init = cli.run("init");
        assertThat(init).isEqualTo(new CliRunner.Result(6, "", "statekeeper: sqlite database '" + file + "' is at "
                + "schema version " + newest.previous() + " but this build needs " + v + "; run 'statekeeper db "
                + "migrate' or set STATEKEEPER_AUTO_MIGRATE=true\n" + DRIFT_FIX));

        CliRunner.Result status = cli.run("db", "migrate", "status");
        assertThat(status.exitCode()).isZero();
        List<String> lines = status.out().lines().toList();
        assertThat(lines.subList(0, 4)).containsExactly("backend         sqlite", "location        " + file,
                "schema version  " + newest.previous(), "this build      " + v);
        assertThat(lines.get(5)).matches("VERSION +DESCRIPTION +CHECKSUM +APPLIED AT +STATE");
        assertThat(lines.get(6)).matches("1 +initial schema +-?[0-9]+ +[0-9T:-]+Z +applied");
        assertThat(lines.get(5 + Integer.parseInt(v)))
                .matches(v + " +" + newest.description() + " +-?[0-9]+ +- +pending");
        assertThat(status.out()).endsWith("\n\n1 migration is pending: 'statekeeper db migrate' applies it\n");

        String history = history();
        assertThat(cli.run("db", "migrate", "--dry-run")).isEqualTo(new CliRunner.Result(0, "would apply 1 migration "
                + "to the sqlite store at " + file + " (dry run: nothing was written):\n  V" + v + " "
                + newest.description() + "\n", ""));
        assertThat(history()).as("a dry run writes nothing").isEqualTo(history);

        assertThat(cli.run("db", "migrate")).isEqualTo(new CliRunner.Result(0, "applied 1 migration to the sqlite "
                + "store at " + file + ":\n  V" + v + " " + newest.description() + "\nschema version " + v
                + ", this build's newest\n", ""));
        assertThat(OldSchemas.sqliteQuery(file, "PRAGMA user_version")).isEqualTo(v);
        assertThat(cli.ok("init")).isEqualTo("initialized sqlite store at " + file + " (schema version " + v + ")\n");
        assertThat(cli.run("db", "migrate")).isEqualTo(new CliRunner.Result(0, "nothing to apply: the sqlite store at "
                + file + " is at schema version " + v + ", this build's newest\n", ""));
        assertThat(cli.ok("db", "migrate", "status")).endsWith("\nup to date: every migration of this build is applied\n");
    }

    @Test
    void theJsonOfStatusAndMigrateNamesEveryMigration() throws Exception {
        OldSchemas.Newest newest = OldSchemas.sqliteBehindByOne(file);

        JsonNode status = Json.mapper().readTree(cli.ok("db", "migrate", "status", "--json"));
        assertThat(status.get("backend").asText()).isEqualTo("sqlite");
        assertThat(status.get("schemaVersion").asText()).isEqualTo(newest.previous());
        assertThat(status.get("latest").asText()).isEqualTo(newest.version());
        assertThat(status.get("pending").asInt()).isEqualTo(1);
        JsonNode first = status.get("migrations").get(0);
        assertThat(first.get("state").asText()).isEqualTo("applied");
        assertThat(first.get("checksum").asInt()).isEqualTo(first.get("buildChecksum").asInt());
        assertThat(first.get("appliedAt").asText()).endsWith("Z");
        JsonNode last = status.get("migrations").get(newest.migrations() - 1);
        assertThat(last.get("state").asText()).isEqualTo("pending");
        assertThat(last.get("appliedAt").isNull()).isTrue();

        JsonNode migrated = Json.mapper().readTree(cli.ok("db", "migrate", "--json"));
        assertThat(migrated.get("dryRun").asBoolean()).isFalse();
        assertThat(migrated.get("schemaVersion").asText()).isEqualTo(newest.version());
        assertThat(migrated.get("migrations")).singleElement().satisfies(m -> {
            assertThat(m.get("version").asText()).isEqualTo(newest.version());
            assertThat(m.get("state").asText()).isEqualTo("applied");
        });
    }

    @Test
    void aMissingFileHasEveryMigrationPendingAndIsCreatedOnlyByAMigrationThatIsNotADryRun() throws Exception {
        OldSchemas.Newest newest = OldSchemas.sqliteNewest();

        assertThat(cli.ok("db", "migrate", "status")).contains("schema version  0\n")
                .endsWith("\n" + newest.version() + " migrations are pending: 'statekeeper db migrate' applies them\n");
        assertThat(cli.ok("db", "migrate", "--dry-run")).startsWith("would apply " + newest.version() + " migrations ");
        assertThat(file).doesNotExist();

        assertThat(cli.ok("db", "migrate")).startsWith("applied " + newest.version() + " migrations to the sqlite "
                + "store at " + file + ":\n  V1 initial schema\n");
        assertThat(cli.ok("loop", "list")).isEqualTo("no loops\n");
    }

    @Test
    void aChangedMigrationIsDriftAndNothingIsApplied() throws Exception {
        OldSchemas.Newest newest = OldSchemas.sqliteBehindByOne(file);
        OldSchemas.sqliteSql(file, "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");
        String build = Json.mapper().readTree(cli.run("db", "migrate", "status", "--json").out()).get("migrations").get(0)
                .get("buildChecksum").asText();
        String problem = "V1 initial schema: checksum-mismatch (database 12345, this build " + build + "): the applied "
                + "migration differs from this build's file: never edit an applied migration; use the statekeeper "
                + "that applied it, or restore the database from a backup";

        CliRunner.Result status = cli.run("db", "migrate", "status");
        assertThat(status.exitCode()).isEqualTo(6);
        assertThat(status.out()).containsPattern("\n1 +initial schema +12345 +[0-9T:-]+Z +checksum-mismatch\n")
                .endsWith("\ndrift ('statekeeper db migrate' applies nothing until it is resolved):\n  " + problem
                        + "\n");
        assertThat(status.err()).isEqualTo("statekeeper: 1 migration of the sqlite store at " + file + " does not match "
                + "this build's\n" + DRIFT_FIX);

        String history = history();
        assertThat(cli.run("db", "migrate")).isEqualTo(new CliRunner.Result(6, "", "statekeeper: sqlite database '"
                + file + "' has migrations that do not match this build's, so none was applied: " + problem + "\n"
                + DRIFT_FIX));
        assertThat(history()).isEqualTo(history);
        assertThat(OldSchemas.sqliteQuery(file, "PRAGMA user_version")).isEqualTo(newest.previous());
    }

    @Test
    void aFailedMigrationAndOnesThisBuildDoesNotKnowAreDrift() throws Exception {
        OldSchemas.Newest newest = OldSchemas.sqliteBehindByOne(file);
        OldSchemas.sqliteSql(file, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, "
                + "script, checksum, installed_by, execution_time, success) VALUES "
                + "(90, '" + newest.version() + "', '" + newest.description() + "', 'SQL', 'V.sql', 1, 'me', 1, 0), "
                + "(91, '1.5', 'from a branch', 'SQL', 'V1_5__from_a_branch.sql', 2, 'me', 1, 1), "
                + "(92, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 3, 'me', 1, 1)");

        CliRunner.Result status = cli.run("db", "migrate", "status");

        assertThat(status.exitCode()).isEqualTo(6);
        assertThat(status.out()).containsPattern("\n1\\.5 +from a branch +2 +[0-9T:-]+Z +unknown\n")
                .containsPattern("\n" + newest.version() + " +" + newest.description() + " +1 +[0-9T:-]+Z +failed\n")
                .containsPattern("\n99 +from the future +3 +[0-9T:-]+Z +newer\n")
                .endsWith("""
                        drift ('statekeeper db migrate' applies nothing until it is resolved):
                          V1.5 from a branch: unknown: this build does not have it, although it is older than this \
                        build's newest: another build applied it; use that one, or restore the database from a backup
                          V%s %s: failed: it stopped part-way: check what it changed and undo that, delete its row \
                        from flyway_schema_history, then run 'statekeeper db migrate'; or restore a backup
                          V99 from the future: newer: a newer statekeeper applied it and this build does not know it: \
                        use that statekeeper
                        """.formatted(newest.version(), newest.description()));
        assertThat(status.err()).startsWith("statekeeper: 3 migrations of the sqlite store at " + file + " do not match "
                + "this build's\n");
        assertThat(cli.run("db", "migrate").exitCode()).isEqualTo(6);
        assertThat(OldSchemas.sqliteQuery(file, "PRAGMA user_version")).isEqualTo(newest.previous());
    }

    /**
     * Two {@code db migrate} at once, on new files and on files behind by one, several rounds: without the write lock
     * taken at the start of each migration's transaction, about every other round one of them failed (SQLITE_BUSY
     * on a read snapshot that the other's migration had made stale).
     */
    @Test
    void twoMigrationsAtOnceApplyEachMigrationOnce() throws Exception {
        OldSchemas.Newest newest = OldSchemas.sqliteNewest();
        for (int round = 0; round < 8; round++) {
            Path data = Files.createDirectory(dir.resolve("round-" + round));
            int pending = Integer.parseInt(newest.version());
            if (round % 2 == 1) {
                OldSchemas.sqliteBehindByOne(data.resolve("state.db"));
                pending = 1;
            }

            List<CliRunner.Result> results = Together.run(2, w -> new CliRunner(data).run("db", "migrate", "--json"));

            List<String> applied = new ArrayList<>();
            for (CliRunner.Result result : results) {
                assertThat(result.exitCode()).as("round %d: %s", round, result.err()).isZero();
                Json.mapper().readTree(result.out()).get("migrations").forEach(m -> applied.add(m.get("version").asText()));
            }
            assertThat(applied).as("round %d", round).hasSize(pending).doesNotHaveDuplicates();
            assertThat(OldSchemas.sqliteQuery(data.resolve("state.db"), "SELECT count(*) || ' ' || count(DISTINCT "
                    + "version) FROM flyway_schema_history WHERE version IS NOT NULL"))
                    .isEqualTo(newest.version() + " " + newest.version());
        }
    }

    @Test
    void aMigrationWaitsForAnotherWriterUpToTheBusyTimeout() throws Exception {
        OldSchemas.Newest newest = OldSchemas.sqliteBehindByOne(file);
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = writer.createStatement()) {
            s.execute("BEGIN IMMEDIATE");

            CliRunner.Result busy = cli.env("STATEKEEPER_SQLITE_BUSY_TIMEOUT", "0").run("db", "migrate");

            assertThat(busy.exitCode()).isEqualTo(5);
            assertThat(busy.err()).isEqualTo("statekeeper: migrate failed on sqlite database '" + file + "': "
                    + "[SQLITE_BUSY] The database file is locked (database is locked); gave up after the busy timeout of "
                    + "0 ms (STATEKEEPER_SQLITE_BUSY_TIMEOUT)\n  fix: " + ErrorCode.DATABASE_BUSY.fix() + "\n");
            s.execute("ROLLBACK");
        }
        assertThat(OldSchemas.sqliteQuery(file, "PRAGMA user_version")).isEqualTo(newest.previous());
        assertThat(cli.ok("db", "migrate")).startsWith("applied 1 migration ");
    }

    @Test
    void theMemoryAndJsonBackendsHaveNothingToMigrate() {
        assertThat(cli.env("STATEKEEPER_BACKEND", "json").run("db", "migrate")).isEqualTo(new CliRunner.Result(0,
                "nothing to migrate: the json store at " + dir.resolve("state.json") + " has no schema migrations\n", ""));
        assertThat(cli.env("STATEKEEPER_BACKEND", "memory").run("db", "migrate", "status")).isEqualTo(
                new CliRunner.Result(0, "nothing to migrate: the memory store at in-process memory has no schema "
                        + "migrations\n", ""));
    }

    private String history() throws Exception {
        return OldSchemas.sqliteQuery(file, "SELECT group_concat(version || ':' || checksum || ':' || success, ',') "
                + "FROM flyway_schema_history") + " " + OldSchemas.sqliteQuery(file, "PRAGMA user_version");
    }
}
