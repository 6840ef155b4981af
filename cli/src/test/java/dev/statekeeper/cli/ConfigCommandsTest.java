package dev.statekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code statekeeper config}: list, get, set, unset and path over a real config file in a temp directory. */
class ConfigCommandsTest {
    private static final String FIX = "  fix: fix the value where the message says it came from (flag, environment "
            + "variable or config file); 'statekeeper config list' shows each setting and its source\n";

    @TempDir
    Path dir;

    private CliRunner cli;
    private Path file;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir).env("STATEKEEPER_BACKEND", null);
        file = dir.resolve("xdg-config/statekeeper/config.toml");
    }

    @Test
    void pathFollowsXdgThenTheVariable() throws Exception {
        assertThat(cli.ok("config", "path")).isEqualTo(file + "\n");
        JsonNode json = Json.mapper().readTree(cli.ok("config", "path", "--json"));
        assertThat(json.get("exists").asBoolean()).isFalse();

        Path explicit = dir.resolve("ops/statekeeper.toml");
        assertThat(cli.env("STATEKEEPER_CONFIG", explicit.toString()).ok("config", "path")).isEqualTo(explicit + "\n");
    }

    @Test
    void setWritesTheFileAndEveryCommandReadsIt() throws IOException {
        assertThat(cli.run("config", "set", "STATEKEEPER_BACKEND", "memory"))
                .isEqualTo(new CliRunner.Result(0, "set STATEKEEPER_BACKEND = memory in " + file + "\n", ""));

        assertThat(Files.readString(file)).isEqualTo("STATEKEEPER_BACKEND = 'memory'\n");
        assertThat(mode(file)).isEqualTo("rw-r--r--");
        assertThat(cli.ok("db", "status")).startsWith("backend         memory\n");
        assertThat(dir.resolve("state.db")).doesNotExist();
        assertThat(cli.ok("--backend", "sqlite", "db", "status")).startsWith("backend         sqlite\n");
    }

    @Test
    void listShowsEverySettingWithItsSourceAndMasksSecrets() throws Exception {
        cli.ok("config", "set", "DATABASE_URL", "postgresql://app:s3cret@db:5432/state");
        cli.ok("config", "set", "DATABASE_POOL_MAX_SIZE", "30");
        cli.env("DATABASE_POOL_MAX_SIZE", "40").env("STATEKEEPER_API_TOKEN", "t0ken");

        String list = cli.ok("--backend", "memory", "config", "list");

        List<String> rows = list.lines().map(line -> line.replaceAll(" {2,}", " | ")).toList();
        assertThat(rows.getFirst()).isEqualTo("SETTING | VALUE | SOURCE");
        assertThat(rows).hasSize(Setting.values().length + 1).contains(
                "STATEKEEPER_BACKEND | memory | flag",
                "STATE_MANAGER | - | default",
                "DATABASE_URL | postgresql://app:****@db:5432/state | file",
                "STATEKEEPER_DATA_DIR | " + dir + " | env",
                "DATABASE_POOL_MAX_SIZE | 40 | env",
                "DATABASE_POOL_MIN_SIZE | 5 | default",
                "STATEKEEPER_API_TOKEN | **** | env");
        assertThat(list).doesNotContain("s3cret", "t0ken");

        JsonNode json = Json.mapper().readTree(cli.ok("config", "list", "--json"));
        assertThat(json.get("file").asText()).isEqualTo(file.toString());
        assertThat(json.get("settings")).hasSize(Setting.values().length);
        assertThat(json.get("settings").get(2).toString())
                .isEqualTo("{\"key\":\"DATABASE_URL\",\"value\":\"postgresql://app:****@db:5432/state\",\"source\":\"file\"}");
    }

    @Test
    void getPrintsTheEffectiveValueWithSecretsMasked() throws Exception {
        assertThat(cli.ok("config", "set", "STATEKEEPER_API_TOKEN", "s3cret-t0ken"))
                .isEqualTo("set STATEKEEPER_API_TOKEN = **** in " + file + "\n");
        assertThat(mode(file)).as("a file holding a secret is owner-only").isEqualTo("rw-------");

        assertThat(cli.ok("config", "get", "STATEKEEPER_API_TOKEN")).isEqualTo("****\n");
        assertThat(cli.ok("config", "get", "STATEKEEPER_CHECKPOINT_EVERY")).isEqualTo("5\n");
        assertThat(cli.ok("config", "get", "DATABASE_URL")).as("no value, nothing printed").isEmpty();
        assertThat(cli.ok("config", "get", "STATEKEEPER_DATA_DIR")).isEqualTo(dir + "\n");
        assertThat(cli.ok("config", "get", "STATEKEEPER_API_TOKEN", "--json")).isEqualTo("""
                {
                  "key" : "STATEKEEPER_API_TOKEN",
                  "value" : "****",
                  "source" : "file"
                }
                """);
    }

    @Test
    void anUnknownKeyIsAUsageErrorSuggestingTheSetting() {
        CliRunner.Result get = cli.run("config", "get", "backend");
        assertThat(get.exitCode()).isEqualTo(2);
        assertThat(get.err()).isEqualTo("""
                statekeeper: unknown setting 'backend'; did you mean STATEKEEPER_BACKEND? ('statekeeper config list' shows every setting)
                  fix: see 'statekeeper config get --help'
                """);

        CliRunner.Result set = cli.run("config", "set", "DATABSE_URL", "postgresql://h/db");
        assertThat(set.exitCode()).isEqualTo(2);
        assertThat(set.err()).startsWith("statekeeper: unknown setting 'DATABSE_URL'; did you mean DATABASE_URL? (");
        assertThat(cli.run("config", "unset", "colour").err())
                .startsWith("statekeeper: unknown setting 'colour' ('statekeeper config list' shows every setting)\n");
        assertThat(file).doesNotExist();
    }

    @Test
    void aValueOutOfRangeIsRefusedAndTheFileLeftAsItWas() throws IOException {
        cli.ok("config", "set", "STATEKEEPER_PORT", "8080");
        byte[] before = Files.readAllBytes(file);

        CliRunner.Result port = cli.run("config", "set", "STATEKEEPER_PORT", "70000");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.out()).isEmpty();
        assertThat(port.err()).isEqualTo("statekeeper: invalid setting: STATEKEEPER_PORT = '70000': must be between 0 "
                + "and 65535 (not written to " + file + ")\n" + FIX);

        CliRunner.Result url = cli.run("config", "set", "DATABASE_URL", "mysql://root:hunter2@db/state");
        assertThat(url.exitCode()).isEqualTo(2);
        assertThat(url.err()).startsWith("statekeeper: invalid setting: DATABASE_URL = 'mysql://root:****@db/state': "
                + "must start with postgresql:// or sqlite: (not written to ").doesNotContain("hunter2");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void setSaysWhenTheEnvironmentOverridesTheFile() {
        cli.env("STATEKEEPER_BACKEND", "sqlite");

        CliRunner.Result set = cli.run("config", "set", "STATEKEEPER_BACKEND", "memory");

        assertThat(set).isEqualTo(new CliRunner.Result(0, "set STATEKEEPER_BACKEND = memory in " + file + "\n",
                "note: STATEKEEPER_BACKEND in the environment overrides this\n"));
        assertThat(cli.ok("config", "get", "STATEKEEPER_BACKEND", "--json")).contains("\"source\" : \"env\"");
    }

    @Test
    void unsetRemovesTheKeyKeepingCommentsAndCanRemoveATypo() throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                # ops: keep the pool small
                DATABASE_POOL_MAX_SIZE = 4
                STATEKEEPER_PORTT = 8080
                """);
        assertThat(cli.run("loop", "list").err()).startsWith("statekeeper: config file " + file
                + ": unknown setting 'STATEKEEPER_PORTT' (line 3; did you mean STATEKEEPER_PORT?)\n");

        CliRunner.Result set = cli.run("config", "set", "DATABASE_POOL_MIN_SIZE", "2");
        assertThat(set.exitCode()).isZero();
        assertThat(set.err()).isEqualTo("note: the settings are not valid yet: config file " + file
                + ": unknown setting 'STATEKEEPER_PORTT' (line 3; did you mean STATEKEEPER_PORT?)\n");

        assertThat(cli.ok("config", "unset", "STATEKEEPER_PORTT")).isEqualTo("removed STATEKEEPER_PORTT from " + file + "\n");
        assertThat(cli.ok("config", "unset", "DATABASE_POOL_MAX_SIZE")).isEqualTo("removed DATABASE_POOL_MAX_SIZE from "
                + file + "\n");
        assertThat(cli.ok("config", "unset", "DATABASE_POOL_MAX_SIZE", "--json")).isEqualTo("""
                {
                  "key" : "DATABASE_POOL_MAX_SIZE",
                  "removed" : false,
                  "file" : "%s"
                }
                """.formatted(file));
        assertThat(cli.ok("config", "unset", "STATEKEEPER_BACKEND"))
                .isEqualTo("STATEKEEPER_BACKEND is not set in " + file + "\n");
        assertThat(Files.readString(file)).isEqualTo("# ops: keep the pool small\nDATABASE_POOL_MIN_SIZE = 2\n");
        assertThat(cli.ok("loop", "list")).isEqualTo("no loops\n");
    }

    @Test
    void aBadValueInTheFileStopsEveryCommandNamingTheFileAndLine() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# tuned\nSTATEKEEPER_THRESHOLD_SPEC = 850\n");

        CliRunner.Result result = cli.run("loop", "list");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("statekeeper: invalid settings: STATEKEEPER_THRESHOLD_SPEC = '850': must be "
                + "between 0 and 100 (from " + file + " line 2)\n" + FIX);
        assertThat(cli.env("STATEKEEPER_THRESHOLD_SPEC", "85").ok("loop", "list"))
                .as("the environment overrides the file").isEqualTo("no loops\n");
        assertThat(cli.ok("config", "set", "STATEKEEPER_THRESHOLD_SPEC", "85")).startsWith("set ");
    }

    @Test
    void setNotesARuleBetweenSettingsThatTheNewValueBreaks() {
        cli.env("DATABASE_POOL_MIN_SIZE", "10");

        CliRunner.Result set = cli.run("config", "set", "DATABASE_POOL_MAX_SIZE", "8");

        assertThat(set.exitCode()).isZero();
        assertThat(set.err()).isEqualTo("note: the settings are not valid yet: invalid settings: DATABASE_POOL_MAX_SIZE "
                + "= 8: must be >= DATABASE_POOL_MIN_SIZE (10)\n");
        assertThat(cli.run("loop", "list").exitCode()).isEqualTo(2);
    }

    @Test
    void aFileThatIsNotTomlStopsEveryCommandAndIsNeverOverwritten() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "STATEKEEPER_BACKEND = \"memory\nSTATEKEEPER_PORT = 1\n");

        CliRunner.Result list = cli.run("config", "list");
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err()).startsWith("statekeeper: cannot parse config file " + file + ": line 1, column 30: "
                + "Newline not permitted here (it must be TOML: KEY = \"value\" lines)\n");
        assertThat(cli.run("config", "set", "STATEKEEPER_PORT", "2").exitCode()).isEqualTo(2);
        assertThat(cli.run("config", "unset", "STATEKEEPER_PORT").exitCode()).isEqualTo(2);
        assertThat(Files.readString(file)).isEqualTo("STATEKEEPER_BACKEND = \"memory\nSTATEKEEPER_PORT = 1\n");

        JsonNode error = Json.mapper().readTree(cli.run("--json", "loop", "list").err()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("config-invalid");
        assertThat(error.get("details").get("file").asText()).isEqualTo(file.toString());
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
