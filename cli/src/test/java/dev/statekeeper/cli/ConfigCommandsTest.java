package dev.statekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.internal.json.Json;
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
                .isEqualTo("{\"key\":\"DATABASE_URL\",\"value\":\"postgresql://app:****@db:5432/state\",\"source\":\"file\","
                        + "\"problem\":null}");
        assertThat(json.get("problems")).isEmpty();
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
                  "source" : "file",
                  "problem" : null
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
    void setRefusesAValueThatBreaksARuleWithAnotherSettingAndLeavesTheFileAlone() throws IOException {
        CliRunner.Result min = cli.run("config", "set", "DATABASE_POOL_MIN_SIZE", "50");

        assertThat(min).isEqualTo(new CliRunner.Result(2, "", "statekeeper: invalid setting: DATABASE_POOL_MIN_SIZE = "
                + "'50': must be at most DATABASE_POOL_MAX_SIZE, which is 20 by default (not written to " + file + ")\n"
                + FIX));
        assertThat(file).doesNotExist();
        assertThat(cli.ok("loop", "list")).isEqualTo("no loops\n");

        cli.ok("config", "set", "DATABASE_POOL_MAX_SIZE", "8");
        cli.env("DATABASE_POOL_MIN_SIZE", "10");
        byte[] before = Files.readAllBytes(file);
        CliRunner.Result max = cli.run("config", "set", "DATABASE_POOL_MAX_SIZE", "9");
        assertThat(max.exitCode()).isEqualTo(2);
        assertThat(max.err()).startsWith("statekeeper: invalid setting: DATABASE_POOL_MAX_SIZE = '9': must be at least "
                + "DATABASE_POOL_MIN_SIZE, which is 10 from the environment (not written to " + file + ")\n");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);

        assertThat(cli.run("config", "set", "DATABASE_POOL_MAX_SIZE", "12"))
                .isEqualTo(new CliRunner.Result(0, "set DATABASE_POOL_MAX_SIZE = 12 in " + file + "\n", ""));
        assertThat(cli.env("DATABASE_POOL_MIN_SIZE", null).ok("config", "set", "DATABASE_POOL_MIN_SIZE", "12"))
                .isEqualTo("set DATABASE_POOL_MIN_SIZE = 12 in " + file + "\n");
    }

    @Test
    void unsetRefusesWhenTheDefaultWouldBreakARule() throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "DATABASE_POOL_MIN_SIZE = 30\nDATABASE_POOL_MAX_SIZE = 40\n");

        CliRunner.Result unset = cli.run("config", "unset", "DATABASE_POOL_MAX_SIZE");

        assertThat(unset.exitCode()).isEqualTo(2);
        assertThat(unset.err()).isEqualTo("statekeeper: DATABASE_POOL_MAX_SIZE was not removed from " + file
                + ": without it, DATABASE_POOL_MAX_SIZE = '20': must be at least DATABASE_POOL_MIN_SIZE, which is 30 "
                + "from " + file + " line 1 (default)\n" + FIX);
        assertThat(Files.readString(file)).isEqualTo("DATABASE_POOL_MIN_SIZE = 30\nDATABASE_POOL_MAX_SIZE = 40\n");
    }

    @Test
    void aBadValueInTheFileIsShownByTheConfigCommandsSoItCanBeCorrected() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# written by hand\nDATABASE_POOL_MIN_SIZE = 50\n");
        cli.env("STATEKEEPER_PORT", "http");
        String poolProblem = "DATABASE_POOL_MIN_SIZE = '50': must be at most DATABASE_POOL_MAX_SIZE, which is 20 by "
                + "default (from " + file + " line 2)";
        String portProblem = "STATEKEEPER_PORT = 'http': must be a whole number between 0 and 65535 (from the environment)";

        CliRunner.Result loops = cli.run("loop", "list");
        assertThat(loops.exitCode()).isEqualTo(2);
        assertThat(loops.err()).isEqualTo("statekeeper: invalid settings (2 problems): " + portProblem + "; "
                + poolProblem + "\n" + FIX);

        CliRunner.Result list = cli.run("config", "list");
        assertThat(list.exitCode()).isZero();
        List<String> rows = list.out().lines().map(line -> line.replaceAll(" {2,}", " | ")).toList();
        assertThat(rows).contains("DATABASE_POOL_MIN_SIZE | 50 | file, invalid", "DATABASE_POOL_MAX_SIZE | 20 | default",
                "STATEKEEPER_PORT | http | env, invalid");
        assertThat(list.out()).endsWith("""

                problems (the commands other than 'statekeeper config' refuse to start until they are fixed):
                  %s
                  %s
                fix the config file with 'statekeeper config set KEY VALUE' or 'statekeeper config unset KEY', \
                the environment where it is set
                """.formatted(portProblem, poolProblem));
        JsonNode json = Json.mapper().readTree(cli.ok("config", "list", "--json"));
        assertThat(json.get("problems")).hasSize(2);

        assertThat(cli.run("config", "get", "DATABASE_POOL_MIN_SIZE"))
                .isEqualTo(new CliRunner.Result(0, "50\n", "note: invalid: " + poolProblem + "\n"));
        assertThat(Json.mapper().readTree(cli.ok("config", "get", "DATABASE_POOL_MIN_SIZE", "--json"))
                .get("problem").asText()).isEqualTo("must be at most DATABASE_POOL_MAX_SIZE, which is 20 by default "
                        + "(from " + file + " line 2)");
        assertThat(cli.run("config", "get", "DATABASE_POOL_MAX_SIZE")).isEqualTo(new CliRunner.Result(0, "20\n", ""));
        assertThat(cli.run("config", "path")).isEqualTo(new CliRunner.Result(0, file + "\n", ""));

        cli.ok("config", "set", "DATABASE_POOL_MAX_SIZE", "60");
        assertThat(cli.env("STATEKEEPER_PORT", null).ok("loop", "list")).isEqualTo("no loops\n");
        assertThat(cli.ok("config", "unset", "DATABASE_POOL_MIN_SIZE")).startsWith("removed ");
        assertThat(Files.readString(file)).isEqualTo("# written by hand\nDATABASE_POOL_MAX_SIZE = 60\n");
    }

    @Test
    void aFileThatIsNotTomlStopsEveryCommandAndIsNeverOverwritten() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "STATEKEEPER_BACKEND = \"memory\nSTATEKEEPER_PORT = 1\n");

        String problem = "cannot parse config file " + file + ": line 1, column 30: Newline not permitted here (it must "
                + "be TOML: KEY = \"value\" lines)";
        assertThat(cli.run("loop", "list").err()).startsWith("statekeeper: " + problem + "\n");
        CliRunner.Result list = cli.run("config", "list");
        assertThat(list.exitCode()).as("config list shows what is wrong").isZero();
        assertThat(list.out()).contains("\n  " + problem + "\n");
        assertThat(cli.run("config", "set", "STATEKEEPER_PORT", "2").err()).startsWith("statekeeper: " + problem + "\n");
        assertThat(cli.run("config", "unset", "STATEKEEPER_PORT").exitCode()).isEqualTo(2);
        assertThat(Files.readString(file)).isEqualTo("STATEKEEPER_BACKEND = \"memory\nSTATEKEEPER_PORT = 1\n");

        JsonNode error = Json.mapper().readTree(cli.run("--json", "loop", "list").err()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("config-invalid");
        assertThat(error.get("details").get("file").asText()).isEqualTo(file.toString());
    }

    @Test
    void aFileThatStatekeeperConfigNamesMustExistForEveryCommandButConfig() throws Exception {
        Path named = Files.createDirectories(dir.resolve("ops")).resolve("statekeeper.toml");
        cli.env("STATEKEEPER_CONFIG", named.toString());
        String problem = "STATEKEEPER_CONFIG names the config file " + named + ", which does not exist: create it "
                + "('statekeeper config set KEY VALUE' does) or unset STATEKEEPER_CONFIG";

        for (List<String> command : List.of(List.of("loop", "list"), List.of("init"), List.of("db", "status"),
                List.of("db", "verify"), List.of("db", "backups"), List.of("serve"))) {
            assertThat(cli.run(command.toArray(String[]::new))).as(String.join(" ", command))
                    .isEqualTo(new CliRunner.Result(2, "", "statekeeper: " + problem + "\n" + FIX));
        }
        assertThat(dir.resolve("state.db")).doesNotExist();

        assertThat(cli.run("config", "path")).isEqualTo(new CliRunner.Result(0, named + "\n", "note: " + problem + "\n"));
        JsonNode path = Json.mapper().readTree(cli.ok("config", "path", "--json"));
        assertThat(path.get("exists").asBoolean()).isFalse();
        assertThat(path.get("problem").asText()).isEqualTo(problem);
        assertThat(cli.run("config", "list").out()).endsWith("\n  " + problem + "\nfix the config file with "
                + "'statekeeper config set KEY VALUE' or 'statekeeper config unset KEY', the environment where it is set\n");
        assertThat(cli.run("config", "get", "STATEKEEPER_PORT"))
                .isEqualTo(new CliRunner.Result(0, "7070\n", "note: " + problem + "\n"));

        assertThat(cli.run("config", "set", "STATEKEEPER_BACKEND", "memory"))
                .as("config set starts the file it names").isEqualTo(new CliRunner.Result(0,
                        "set STATEKEEPER_BACKEND = memory in " + named + "\n", ""));
        assertThat(Files.readString(named)).isEqualTo("STATEKEEPER_BACKEND = 'memory'\n");
        assertThat(cli.ok("db", "status")).startsWith("backend         memory\n");
        assertThat(cli.run("config", "path")).isEqualTo(new CliRunner.Result(0, named + "\n", ""));
    }

    @Test
    void aFileThatStatekeeperConfigNamesInADirectoryThatDoesNotExistOrThatIsADirectoryIsRefused() {
        Path nowhere = dir.resolve("no/such/file");
        cli.env("STATEKEEPER_CONFIG", nowhere.toString());
        assertThat(cli.run("loop", "list").err()).isEqualTo("statekeeper: STATEKEEPER_CONFIG names the config file "
                + nowhere + ", which does not exist: create it ('statekeeper config set KEY VALUE' does) or unset "
                + "STATEKEEPER_CONFIG\n" + FIX);
        assertThat(cli.run("config", "set", "STATEKEEPER_PORT", "8080")).isEqualTo(new CliRunner.Result(2, "",
                "statekeeper: STATEKEEPER_CONFIG names the config file " + nowhere + ", but its directory "
                        + nowhere.getParent() + " does not exist: create the directory, or correct STATEKEEPER_CONFIG\n"
                        + FIX));
        assertThat(dir.resolve("no")).doesNotExist();

        cli.env("STATEKEEPER_CONFIG", dir.toString());
        String directory = "statekeeper: cannot read config file " + dir + " (named by STATEKEEPER_CONFIG): Is a "
                + "directory\n" + FIX;
        assertThat(cli.run("loop", "list")).isEqualTo(new CliRunner.Result(2, "", directory));
        assertThat(cli.run("config", "set", "STATEKEEPER_PORT", "8080")).isEqualTo(new CliRunner.Result(2, "", directory));
        assertThat(cli.run("config", "unset", "STATEKEEPER_PORT")).isEqualTo(new CliRunner.Result(2, "", directory));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
