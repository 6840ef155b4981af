package dev.statekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code db copy}: between backends, dry run, verify, modes and switch. */
class CopyCommandsTest {
    @TempDir
    Path dir;

    private CliRunner cli;
    private String loop;

    @BeforeEach
    void fill() {
        cli = new CliRunner(dir.resolve("a"));
        loop = cli.ok("loop", "create", "--project", "demo", "--type", "spec").strip();
        cli.ok("loop", "feedback", loop, "--critic", "c", "--score", "72", "--summary", "Solid");
        cli.ok("loop", "objective", loop, "--set", "Ship it");
        cli.runWithInput("{\"title\": \"User Auth\"}", "spec", "put", "--project", "demo", "--file", "-");
        cli.ok("spec", "link", "--loop", loop, "--project", "demo", "--name", "user-auth");
        cli.ok("session", "start", "s1", "--repo-name", "web");
    }

    @Test
    void aDryRunCountsWhatWouldBeCopiedAndWritesNothing() throws Exception {
        Path target = dir.resolve("j");

        String out = cli.ok("db", "copy", "--to", "json:" + target, "--dry-run");
        JsonNode json = Json.mapper().readTree(cli.ok("db", "copy", "--to", "json:" + target, "--dry-run", "--json"));

        assertThat(out).isEqualTo("dry run: would copy 6 records (1 loop with 1 feedback, 1 objective, 1 spec with 1 "
                + "revision, 1 spec link, 1 active-loop entry, 1 session) and 6 events from sqlite store "
                + dir.resolve("a/state.db") + " to json store " + target.resolve("state.json") + "; nothing was written\n");
        assertThat(json.get("records").asLong()).isEqualTo(6);
        assertThat(json.get("events").asLong()).isEqualTo(6);
        assertThat(json.get("target").get("backend").asText()).isEqualTo("json");
        assertThat(target).doesNotExist();
        assertThat(Files.list(dir.resolve("a")).map(p -> p.getFileName().toString())).doesNotContain("backups");
    }

    @Test
    void aCopyToJsonVerifiesRecordByRecordAndTheTargetExportsTheSameBytes() {
        Path target = dir.resolve("j");

        String out = cli.ok("db", "copy", "--to", "json:" + target, "--verify");

        assertThat(out).isEqualTo("copied 6 records (1 loop with 1 feedback, 1 objective, 1 spec with 1 revision, 1 spec "
                + "link, 1 active-loop entry, 1 session) and 6 events from sqlite store " + dir.resolve("a/state.db")
                + " to json store "
                + target.resolve("state.json") + " (replace)\nverified: the target holds every record of the source, "
                + "identical (6 records)\n");
        CliRunner json = new CliRunner(target).env("STATEKEEPER_BACKEND", "json");
        assertThat(json.ok("db", "export")).isEqualTo(cli.ok("db", "export"));
        assertThat(json.ok("spec", "get", "--project", "demo", "--name", "user-auth"))
                .isEqualTo(cli.ok("spec", "get", "--project", "demo", "--name", "user-auth"));
    }

    @Test
    void aTargetThatHoldsRecordsNeedsAModeAndMergeCopiesOnlyWhatItLacks() {
        Path target = dir.resolve("b");
        cli.ok("db", "copy", "--to", "sqlite:" + target.resolve("state.db"));
        cli.ok("session", "start", "s2");

        CliRunner.Result refused = cli.run("db", "copy", "--to", "sqlite:" + target.resolve("state.db"));
        String merged = cli.ok("db", "copy", "--to", "sqlite:" + target.resolve("state.db"), "--mode", "merge", "--verify");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).startsWith("statekeeper: the sqlite store " + target.resolve("state.db") + " is not "
                + "empty: it holds 3 records (1 loop with 1 feedback, 1 spec with 1 revision, 1 session); add --mode replace");
        assertThat(merged).isEqualTo("copied 1 record (1 session) from sqlite store " + dir.resolve("a/state.db") + " to "
                + "sqlite store " + target.resolve("state.db") + " (merge); skipped 6 records the store had identical; 7 events not imported: the target keeps its own "
                + "history\n"
                + "verified: the target holds every record of the source, identical (7 records)\n");
        assertThat(cli.run("db", "copy", "--to", "sqlite:" + dir.resolve("a/state.db"), "--mode", "merge").err())
                .startsWith("statekeeper: --to names the store itself (sqlite store " + dir.resolve("a/state.db") + ")");
        assertThat(cli.run("db", "copy", "--to", "mysql://x").err()).startsWith("statekeeper: --to 'mysql://x' names no "
                + "store; a target is sqlite:/path/state.db, json:/dir, postgresql://user:pass@host:port/db or memory:\n");
    }

    @Test
    void verifyFindsADifferenceTheTargetIntroducesAndExitsWithSix() throws Exception {
        Path target = dir.resolve("b/state.db");
        cli.ok("db", "copy", "--to", "sqlite:" + target);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target); Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER lossy AFTER INSERT ON sessions BEGIN "
                    + "UPDATE sessions SET repo_name = NULL WHERE name = NEW.name; END");
        }

        CliRunner.Result result = cli.run("db", "copy", "--to", "sqlite:" + target, "--mode", "replace", "--verify");

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("statekeeper: the target does not match the source: 1 record(s) differ, 0 "
                + "missing, 0 extra: session 's1' differs in repoName: \"web\" in the source, null in the target\n"
                + "  fix: each finding says what to do: 'statekeeper db verify --repair' fixes what is safe, a copy can "
                + "be run again with --mode replace, 'statekeeper db restore' puts a backup back\n");
    }

    @Test
    void anInterruptedCopyLeavesTheSourceAsItWasAndTheTargetRerunnable() throws Exception {
        try (StateStore source = StateStores.open(Settings.builder().set(Setting.DATABASE_URL,
                "sqlite:" + dir.resolve("a/state.db")).build())) {
            for (int i = 0; i < 6_000; i++) { // more than a load's first batch of 5,000 records
                source.startSession(NewSession.named(String.format("session-%04d", i)));
            }
        }
        Path target = dir.resolve("b/state.db");
        cli.ok("db", "copy", "--to", "sqlite:" + target);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target); Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER boom BEFORE INSERT ON sessions WHEN NEW.name = 'session-5500' BEGIN "
                    + "SELECT RAISE(ABORT, 'the disk went away'); END");
        }
        String source = cli.ok("db", "export");

        CliRunner.Result cut = cli.run("db", "copy", "--to", "sqlite:" + target, "--mode", "replace");

        assertThat(cut.exitCode()).isEqualTo(4);
        assertThat(cut.err()).startsWith("statekeeper: import records 5001-10000 failed on sqlite database '" + target
                + "': [SQLITE_CONSTRAINT_TRIGGER] A RAISE function within a trigger fired, causing the SQL statement to "
                + "abort (the disk went away)\n");
        assertThat(cli.ok("db", "export")).isEqualTo(source);
        CliRunner b = new CliRunner(dir.resolve("b"));
        assertThat(b.ok("db", "status")).contains("  loops          1\n").contains("  sessions       4995\n");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER boom");
        }
        assertThat(cli.ok("db", "copy", "--to", "sqlite:" + target, "--mode", "replace", "--verify"))
                .contains("verified: the target holds every record of the source, identical (6006 records)");
    }

    @Test
    void switchVerifiesThenMakesTheTargetTheConfiguredStore() {
        Path target = dir.resolve("j");

        String out = cli.ok("db", "copy", "--to", "json:" + target, "--switch");

        Path config = dir.resolve("a/xdg-config/statekeeper/config.toml");
        assertThat(out).endsWith("verified: the target holds every record of the source, identical (6 records)\n"
                + "switched: " + config + " now names the target (STATEKEEPER_BACKEND = json, STATEKEEPER_DATA_DIR = "
                + target + ")\n");
        CliRunner fromConfig = new CliRunner(dir.resolve("a")).env("STATEKEEPER_BACKEND", null)
                .env("STATEKEEPER_DATA_DIR", null);
        assertThat(fromConfig.ok("db", "status")).startsWith("backend         json\nlocation        "
                + target.resolve("state.json") + "\n").contains("  loops          1\n");
        assertThat(cli.run("db", "copy", "--to", "memory:", "--switch").err()).startsWith("statekeeper: --switch cannot "
                + "make a memory store the configured one");
    }

    @Test
    void aCopyReplacingTheRecordsOfASqliteOrPostgresTargetBacksThemUpFirst() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String url = server.url(server.createDatabase());
        CliRunner sqlite = new CliRunner(dir.resolve("b"));
        CliRunner pg = new CliRunner(dir.resolve("p")).env("STATEKEEPER_BACKEND", "postgres").env("DATABASE_URL", url);
        sqlite.ok("session", "start", "old-b");
        pg.ok("session", "start", "old-p");
        String heldB = sqlite.ok("db", "export");
        String heldP = pg.ok("db", "export");

        String out = cli.ok("db", "copy", "--to", "sqlite:" + dir.resolve("b/state.db"), "--mode", "replace");
        JsonNode json = Json.mapper().readTree(cli.ok("db", "copy", "--to", url, "--mode", "replace", "--json"));

        Path backups = dir.resolve("a/backups");
        assertThat(out).endsWith(" (replace); the records it held were backed up first to "
                + backups.resolve("pre-copy-20260101T000000Z") + "\n");
        assertThat(json.get("previousRecordsBackup").asText()).isEqualTo(backups.resolve("pre-copy-20260101T000000Z-2")
                .toString());
        assertThat(sqlite.ok("db", "export")).isEqualTo(cli.ok("db", "export"));
        cli.ok("db", "restore", "pre-copy-20260101T000000Z", "--to", "sqlite:" + dir.resolve("c/state.db"));
        cli.ok("db", "restore", "pre-copy-20260101T000000Z-2", "--to", "sqlite:" + dir.resolve("d/state.db"));
        assertThat(new CliRunner(dir.resolve("c")).ok("db", "export")).isEqualTo(heldB);
        assertThat(new CliRunner(dir.resolve("d")).ok("db", "export")).isEqualTo(heldP);
    }

    @Test
    void aCopyToPostgresAndBackIsVerifiedAndByteIdentical() {
        PostgresServer server = PostgresServer.shared();
        String url = server.url(server.createDatabase());

        String out = cli.ok("db", "copy", "--to", url, "--verify");
        CliRunner pg = new CliRunner(dir.resolve("p")).env("STATEKEEPER_BACKEND", "postgres").env("DATABASE_URL", url);
        String back = pg.ok("db", "copy", "--to", "sqlite:" + dir.resolve("c/state.db"), "--verify");

        assertThat(out).contains(" to postgres store " + url.replaceFirst(":[^:@/]*@", ":****@")).contains("verified: ");
        assertThat(back).contains("verified: the target holds every record of the source, identical (6 records)");
        assertThat(pg.ok("db", "export")).isEqualTo(cli.ok("db", "export"));
        assertThat(new CliRunner(dir.resolve("c")).ok("db", "export")).isEqualTo(cli.ok("db", "export"));
    }
}
