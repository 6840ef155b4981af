package dev.statekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code init}, {@code db status} and choosing the backend with flags over the environment. */
class StoreCommandsTest {
    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
    }

    @Test
    void theHiddenWarmUpRunsTheCommonCommandsSilentlyAndLeavesNoState() {
        CliRunner.Result result = cli.run("warm-up");

        assertThat(result).isEqualTo(new CliRunner.Result(0, "", ""));
        assertThat(dir).isEmptyDirectory();
        assertThat(cli.ok("--help")).doesNotContain("warm-up");
    }

    @Test
    void initCreatesTheSqliteFile() {
        String out = cli.ok("init");
        assertThat(out).startsWith("initialized sqlite store at " + dir.resolve("state.db") + " (schema version ");
        assertThat(dir.resolve("state.db")).exists();
        assertThat(cli.ok("init")).isEqualTo(out);
    }

    @Test
    void statusShowsBackendLocationSchemaAndCounts() throws Exception {
        cli.ok("loop", "create", "--project", "demo", "--type", "spec");
        String status = cli.ok("db", "status");
        assertThat(status).startsWith("backend         sqlite\nlocation        " + dir.resolve("state.db") + "\n");
        assertThat(status).containsPattern("\nschema version  \\S+\n\nrecords\n").containsPattern("\n  loops +1\n");

        JsonNode json = Json.mapper().readTree(cli.ok("db", "status", "--json"));
        assertThat(json.get("backend").asText()).isEqualTo("sqlite");
        assertThat(json.get("counts").get("loops").asLong()).isEqualTo(1);
    }

    @Test
    void statusShowsTheSizeOfTheFileAndItsWal() throws Exception {
        cli.ok("loop", "create", "--project", "demo", "--type", "spec");

        assertThat(cli.ok("db", "status")).containsPattern("\n\nstorage\n"
                + "  state\\.db +\\d+\\.\\d [KMG]B \\(\\d{1,3}(,\\d{3})+ bytes\\)\n"
                + "  state\\.db-wal +\\d.* bytes\\)?\n"
                + "  total +\\d+\\.\\d [KMG]B \\([\\d,]+ bytes\\)\n$");
        JsonNode sizes = Json.mapper().readTree(cli.ok("db", "status", "--json")).get("sizes");
        assertThat(sizes.get("state.db").asLong()).isEqualTo(Files.size(dir.resolve("state.db")));
        assertThat(sizes.get("state.db-wal").asLong()).isNotNegative();
        assertThat(cli.ok("--backend", "memory", "db", "status")).doesNotContain("storage");
    }

    @Test
    void flagsOverrideTheEnvironment() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        cli.ok("--data-dir", other.toString(), "init");
        assertThat(other.resolve("state.db")).exists();

        String memory = cli.ok("--backend", "memory", "db", "status");
        assertThat(memory).startsWith("backend         memory\n");
        assertThat(dir.resolve("state.db")).doesNotExist();
    }

    @Test
    void aBadSettingIsRefusedWithoutShowingAPassword() {
        CliRunner.Result backend = cli.run("--backend", "oracle", "db", "status");
        assertThat(backend.exitCode()).isEqualTo(2);
        assertThat(backend.err()).isEqualTo("""
                statekeeper: invalid settings: STATEKEEPER_BACKEND = 'oracle': must be one of memory, json, sqlite, postgres (from --backend)
                  fix: fix the value where the message says it came from (flag, environment variable or config file); 'statekeeper config list' shows each setting and its source
                """);

        CliRunner.Result url = cli.env("DATABASE_URL", "mysql://admin:hunter2@db.example/state").run("db", "status");
        assertThat(url.exitCode()).isEqualTo(2);
        assertThat(url.err()).contains("mysql://admin:****@db.example/state").doesNotContain("hunter2");
    }
}
