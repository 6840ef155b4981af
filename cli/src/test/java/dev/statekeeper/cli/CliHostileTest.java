package dev.statekeeper.cli;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.testkit.Archives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile command lines, files, stdin and environments: each gets the exit code and the exact message it deserves on
 * stderr (nothing on stdout), every control character escaped, and nothing stored changes. Paths that must not be
 * a regular file are FIFOs and directories made here, never the machine's devices.
 */
class CliHostileTest {
    private static final String ESC = "\u001b";
    private static final String ESC_SHOWN = "\\u001b";
    private static final String INPUT_FIX = "  fix: check the path and that the file is readable; '-' reads stdin where "
            + "the command takes it\n";

    @TempDir
    static Path dir;
    static Path files;
    static String loop;

    @BeforeAll
    static void prepare() throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        try (StateStore store = StateStores.open(settings(data))) {
            loop = store.createLoop(NewLoop.of("hostile", LoopType.SPEC)).id();
        }
        files = Files.createDirectories(dir.resolve("files"));
        write("surrogate.json", "{\"title\": \"Sur\\ud800x\"}");
        write("nul.json", "{\"title\": \"a\\u0000b\"}");
        write("deep.json", "{\"title\": \"t\", \"additionalSections\": " + "[".repeat(1000) + "]".repeat(1000) + "}");
        write("nan.json", "{\"title\": NaN}");
        write("huge-number.json", "{\"title\": \"t\", \"iteration\": 1e999}");
        write("duplicate.json", "{\"title\": \"a\", \"title\": \"b\"}");
        write("array.json", "[{\"title\": \"a\"}]");
        write("empty.json", "");
        write("escape-title.json", "{\"title\": \"" + ESC + "[2J\"}");
        write("not-an-export.jsonl", "hello\n");
        Files.write(files.resolve("overlong.json"), concat("{\"title\": \"over", new byte[]{(byte) 0xC0, (byte) 0xAF},
                "long\"}"));
        mkfifo(files.resolve("fifo"));
        mkfifo(Files.createDirectories(files.resolve("json-with-fifo")).resolve("state.json"));
    }

    static Stream<Arguments> refused() {
        String f = files.toString();
        String bigStatus = "\"" + "x".repeat(900_000) + "\"";
        return Stream.of(
                        c(3, "statekeeper: loop 'nope" + ESC_SHOWN + "[2J' not found\n  fix: list loops with 'statekeeper loop "
                        + "list'\n", "loop", "get", "nope" + ESC + "[2J"),
                c(2, "statekeeper: Invalid value for option '--score': 'abc' is not an int\n  fix: see 'statekeeper loop "
                        + "feedback --help'\n",
                        "loop", "feedback", "{loop}", "--critic", "c", "--score", "abc", "--summary", "s"),
                c(4, "statekeeper: invalid feedback: overallScore = 101: must be between 0 and 100\n  fix: correct the "
                        + "named fields and retry\n", "loop", "feedback", "{loop}", "--critic", "c", "--score", "101",
                        "--summary", "s"),
                c(2, "statekeeper: Invalid value for option '--score': '2147483648' is not an int\n  fix: see "
                        + "'statekeeper loop feedback --help'\n",
                        "loop", "feedback", "{loop}", "--critic", "c", "--score", "2147483648", "--summary", "s"),
                c(4, "statekeeper: invalid feedback: keyIssues[0] = "
                        + "'iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii...': must be at most 100000 characters "
                        + "(has 100001)\n  fix: correct the named fields and retry\n",
                        "loop", "feedback", "{loop}", "--critic", "c", "--score", "50", "--summary", "s",
                        "--issue", "i".repeat(100_001)),
                c(4, "statekeeper: invalid feedback: criticAgent = '': is required\n  fix: correct the named fields and "
                        + "retry\n", "loop", "feedback", "{loop}", "--critic", "", "--score", "50", "--summary", "s"),
                c(2, "statekeeper: Invalid value for option '--limit': '2147483648' is not an int\n  fix: see "
                        + "'statekeeper loop list --help'\n", "loop", "list", "--limit", "2147483648"),
                c(4, "statekeeper: invalid paging: limit = 0: must be between 1 and 1000\n  fix: correct the named fields "
                        + "and retry\n", "loop", "list", "--limit", "0"),
                c(4, "statekeeper: invalid paging: offset = -1: must be >= 0\n  fix: correct the named fields and retry\n", "loop", "list", "--offset", "-1"),
                c(2, "statekeeper: Invalid value for option '--older-than': '3x' must be a number followed by s, m, h, d "
                        + "or w (e.g. 30d)\n  fix: see 'statekeeper loop clean --help'\n",
                        "loop", "clean", "--older-than", "3x"),
                c(2, "statekeeper: Invalid value for option '--older-than': '99999999999999999999d' must be a number "
                        + "followed by s, m, h, d or w (e.g. 30d)\n  fix: see 'statekeeper loop clean --help'\n",
                        "loop", "clean", "--older-than", "99999999999999999999d"),
                c(4, "statekeeper: invalid loop: project = '': is required\n  fix: correct the named fields and retry\n",
                        "loop", "create", "--project", "", "--type", "spec"),
                c(2, "statekeeper: Invalid value for option '--type': 'nope' must be one of plan, roadmap, spec, "
                        + "build_plan, build_code, analyst\n  fix: see 'statekeeper loop create --help'\n",
                        "loop", "create", "--project", "p", "--type", "nope"),
                c(2, "statekeeper: Missing required option: '--project=PROJECT'\n  fix: see 'statekeeper loop create "
                        + "--help'\n", "loop", "create", "--proj", "p", "--type", "spec"),
                c(2, "statekeeper: Unmatched argument at index 0: 'loops'\nDid you mean: statekeeper loop?\n  fix: see "
                        + "'statekeeper --help'\n", "loops"),
                c(2, "statekeeper: Missing required parameter: 'ID'\n  fix: see 'statekeeper loop get --help'\n",
                        "loop", "get", "--" + ESC + "[2J"),
                c(4, "statekeeper: invalid spec JSON (" + f + "/surrogate.json): bad value in 'title': \"Sur\\ud800x\" "
                        + "holds a lone surrogate (\\ud800) at character 3: text must be valid Unicode\n  fix: correct the "
                        + "named fields and retry\n", "spec", "put", "--project", "p", "--file", f + "/surrogate.json"),
                c(4, "statekeeper: invalid spec JSON (" + f + "/nul.json): bad value in 'title': \"a\\u0000b\" holds the "
                        + "NUL character (\\u0000), which no backend can store\n  fix: correct the named fields and retry\n", "spec", "put", "--project", "p", "--file", f + "/nul.json"),
                c(2, "statekeeper: cannot read spec file '" + f + "/overlong.json': it is not UTF-8 text\n" + INPUT_FIX,
                        "spec", "put", "--project", "p", "--file", f + "/overlong.json"),
                c(4, "statekeeper: invalid spec JSON (" + f + "/deep.json): malformed JSON: nested deeper than 64 "
                        + "levels\n  fix: correct the named fields and retry\n",
                        "spec", "put", "--project", "p", "--file", f + "/deep.json"),
                c(4, "statekeeper: invalid spec JSON (" + f + "/nan.json): malformed JSON at line 1, column 14: "
                        + "Non-standard token 'NaN'\n  fix: correct the named fields and retry\n",
                        "spec", "put", "--project", "p", "--file", f + "/nan.json"),
                c(4, "statekeeper: invalid spec JSON (" + f + "/huge-number.json): bad value in 'iteration': the number "
                        + "is too large (beyond 1.7976931348623157E308)\n  fix: correct the named fields and retry\n",
                        "spec", "put", "--project", "p", "--file", f + "/huge-number.json"),
                c(4, "statekeeper: invalid spec JSON (" + f + "/duplicate.json): malformed JSON at line 1, column 23: "
                        + "Duplicate field 'title'\n  fix: correct the named fields and retry\n",
                        "spec", "put", "--project", "p", "--file", f + "/duplicate.json"),
                c(4, "statekeeper: invalid spec JSON (" + f + "/array.json): expected a JSON object, got an array\n  fix: "
                        + "correct the named fields and retry\n",
                        "spec", "put", "--project", "p", "--file", f + "/array.json"),
                c(4, "statekeeper: invalid spec JSON (" + f + "/empty.json): the input is empty; expected a JSON object\n "
                        + " fix: correct the named fields and retry\n",
                        "spec", "put", "--project", "p", "--file", f + "/empty.json"),
                c(2, "statekeeper: cannot read spec file '" + f + "/nope.json': no such file\n" + INPUT_FIX,
                        "spec", "put", "--project", "p", "--file", f + "/nope.json"),
                c(2, "statekeeper: cannot read spec file '" + f + "': it is a directory\n" + INPUT_FIX,
                        "spec", "put", "--project", "p", "--file", f),
                c(4, "statekeeper: invalid spec JSON (stdin): expected a JSON object, got null\n  fix: correct the named "
                        + "fields and retry\n", "spec", "put", "--project", "p", "--file", "-").stdin("null"),
                c(4, "statekeeper: invalid spec JSON (stdin): bad value for 'status': the string "
                        + "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"... (900000 "
                        + "characters) must be one of draft, in-review, approved, implementation-ready, in-development, "
                        + "completed\n  fix: correct the named fields and retry\n",
                        "spec", "put", "--project", "p", "--file", "-").stdin("{\"title\": \"t\", \"status\": "
                        + bigStatus + "}"),
                c(4, "statekeeper: invalid spec JSON (stdin): unknown field "
                        + "'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...' (known fields: "
                        + "additionalSections, architecture, deliverables, dependencies, developmentPlan, "
                        + "functionalRequirements, integrationContext, nonFunctionalRequirements, objectives, "
                        + "researchRequirements, scope, status, successCriteria, technologyStack, testingStrategy, title)\n  "
                        + "fix: correct the named fields and retry\n",
                        "spec", "put", "--project", "p", "--file", "-").stdin("{\"title\": \"t\", \""
                        + "k".repeat(5000) + "\": 1}"),
                c(2, "statekeeper: cannot read spec file on stdin: it is not UTF-8 text\n  fix: check the path and that "
                        + "the file is readable; '-' reads stdin where the command takes it\n",
                        "spec", "put", "--project", "p", "--file", "-").stdin(new byte[]{(byte) 0xFF, (byte) 0xFE}),
                c(4, "statekeeper: invalid spec name: name = '': must contain a letter or digit\n  fix: correct the named "
                        + "fields and retry\n", "spec", "resolve", "--project", "p", ""),
                c(2, "statekeeper: cannot read export file '" + f + "/nope.jsonl': no such file\n" + INPUT_FIX,
                        "db", "import", "--mode", "merge", f + "/nope.jsonl"),
                c(2, "statekeeper: cannot read export file '" + f + "': it is a directory\n" + INPUT_FIX,
                        "db", "import", "--mode", "merge", f),
                c(6, "statekeeper: export file '" + f + "/empty.json' is empty: an export starts with the line "
                        + "{\"format\":\"statekeeper-export\",\"version\":2}\n  fix: run 'statekeeper db verify'; restore a "
                        + "backup if it cannot be repaired\n", "db", "import", "--mode", "merge", f + "/empty.json"),
                c(6, "statekeeper: export file '" + f + "/not-an-export.jsonl' is not a statekeeper export: its first "
                        + "line is not {\"format\":\"statekeeper-export\",\"version\":2}\n  fix: run 'statekeeper db verify'; "
                        + "restore a backup if it cannot be repaired\n",
                        "db", "import", "--mode", "merge", f + "/not-an-export.jsonl"),
                c(2, "statekeeper: cannot write the export to '" + f + "/fifo': it is a FIFO (named pipe), not a regular "
                        + "file, and is left as it is; name a new file or a regular one (which is replaced)\n  fix: see "
                        + "'statekeeper help' or add --help to the command\n", "db", "export", "-o", f + "/fifo"),
                c(2, "statekeeper: cannot write the export to '" + f + "': it is a directory, not a regular file, and is "
                        + "left as it is; name a new file or a regular one (which is replaced)\n  fix: see 'statekeeper help' "
                        + "or add --help to the command\n", "db", "export", "-o", f),
                c(2, "statekeeper: cannot write backups into '" + f + "/empty.json': it is a regular file, not a "
                        + "directory, and is left as it is; name a new or existing directory\n  fix: see 'statekeeper help' or "
                        + "add --help to the command\n", "db", "backup", "-o", f + "/empty.json"),
                c(3, "statekeeper: no backup '" + f + "/no-such-backup' in '" + dir.resolve("data") + "/backups'\n  fix: "
                        + "list the backups with 'statekeeper db backups' (or pass --dir, or the backup's path)\n",
                        "db", "restore", f + "/no-such-backup"),
                c(5, "statekeeper: sqlite database '" + f + "/fifo' is a FIFO (named pipe), not a file; point the "
                        + "settings (DATABASE_URL sqlite:/path/state.db, STATEKEEPER_DATA_DIR) at a file or a place for a "
                        + "new one\n  fix: check that the directory exists and is writable, or set STATEKEEPER_DATA_DIR\n",
                        "loop", "list").env("DATABASE_URL", "sqlite:" + f + "/fifo"),
                c(5, "statekeeper: sqlite database '" + f + "' is a directory, not a file; point the settings "
                        + "(DATABASE_URL sqlite:/path/state.db, STATEKEEPER_DATA_DIR) at a file or a place for a new one\n  "
                        + "fix: check that the directory exists and is writable, or set STATEKEEPER_DATA_DIR\n",
                        "loop", "list").env("DATABASE_URL", "sqlite:" + f),
                c(5, "statekeeper: sqlite database '" + f + "/fifo' is a FIFO (named pipe), not a file; point the "
                        + "settings (DATABASE_URL sqlite:/path/state.db, STATEKEEPER_DATA_DIR) at a file or a place for a new "
                        + "one\n  fix: check that the directory exists and is writable, or set STATEKEEPER_DATA_DIR\n",
                        "db", "verify").env("DATABASE_URL", "sqlite:" + f + "/fifo"),
                c(5, "statekeeper: sqlite database '" + f + "/fifo' is a FIFO (named pipe), not a file; point the "
                        + "settings (DATABASE_URL sqlite:/path/state.db, STATEKEEPER_DATA_DIR) at a file or a place for a new "
                        + "one\n  fix: check that the directory exists and is writable, or set STATEKEEPER_DATA_DIR\n",
                        "db", "recover").env("DATABASE_URL", "sqlite:" + f + "/fifo"),
                c(5, "statekeeper: sqlite database '" + f + "/fifo' is a FIFO (named pipe), not a file; point the "
                        + "settings (DATABASE_URL sqlite:/path/state.db, STATEKEEPER_DATA_DIR) at a file or a place for a new "
                        + "one\n  fix: check that the directory exists and is writable, or set STATEKEEPER_DATA_DIR\n",
                        "db", "migrate", "status").env("DATABASE_URL", "sqlite:" + f + "/fifo"),
                c(5, "statekeeper: json store '" + f + "/json-with-fifo/state.json' is a FIFO (named pipe), not a file; "
                        + "point the settings (DATABASE_URL sqlite:/path/state.db, STATEKEEPER_DATA_DIR) at a file or a place "
                        + "for a new one\n  fix: check that the directory exists and is writable, or set STATEKEEPER_DATA_DIR\n", "loop", "list")
                        .env("STATEKEEPER_BACKEND", "json")
                        .env("STATEKEEPER_DATA_DIR", f + "/json-with-fifo"),
                c(5, "statekeeper: json store '" + f + "/json-with-fifo/state.json' is a FIFO (named pipe), not a file; "
                        + "point the settings (DATABASE_URL sqlite:/path/state.db, STATEKEEPER_DATA_DIR) at a file or a place "
                        + "for a new one\n  fix: check that the directory exists and is writable, or set STATEKEEPER_DATA_DIR\n", "db", "verify")
                        .env("STATEKEEPER_BACKEND", "json")
                        .env("STATEKEEPER_DATA_DIR", f + "/json-with-fifo"),
                c(2, "statekeeper: invalid settings: STATEKEEPER_BACKEND = '\\u001b[2J': must be one of memory, json, "
                        + "sqlite, postgres (from the environment)\n  fix: fix the value where the message says it came from "
                        + "(flag, environment variable or config file); 'statekeeper config list' shows each setting and its "
                        + "source\n", "loop", "list").env("STATEKEEPER_BACKEND", ESC + "[2J"),
                c(2, "statekeeper: invalid settings: DATABASE_POOL_MAX_SIZE = '0': must be between 1 and 100 (from the "
                        + "environment)\n  fix: fix the value where the message says it came from (flag, environment variable "
                        + "or config file); 'statekeeper config list' shows each setting and its source\n",
                        "loop", "list").env("DATABASE_POOL_MAX_SIZE", "0"),
                c(2, "statekeeper: invalid settings: STATEKEEPER_LOG_LEVEL = 'trace': must be one of error, warn, info, "
                        + "debug (from the environment)\n  fix: fix the value where the message says it came from (flag, "
                        + "environment variable or config file); 'statekeeper config list' shows each setting and its "
                        + "source\n", "loop", "list").env("STATEKEEPER_LOG_LEVEL", "trace"),
                c(2, "statekeeper: invalid settings: STATEKEEPER_LOG_FORMAT = '\\u001b[2J': must be one of text, json "
                        + "(from the environment)\n  fix: fix the value where the message says it came from (flag, "
                        + "environment variable or config file); 'statekeeper config list' shows each setting and its "
                        + "source\n", "loop", "list").env("STATEKEEPER_LOG_FORMAT", ESC + "[2J"),
                c(2, "statekeeper: invalid settings: DATABASE_POOL_MIN_SIZE = '99999999999': must be a whole number "
                        + "between 1 and 50 (from the environment)\n  fix: fix the value where the message says it came from "
                        + "(flag, environment variable or config file); 'statekeeper config list' shows each setting and its "
                        + "source\n", "loop", "list").env("DATABASE_POOL_MIN_SIZE", "99999999999"),
                c(2, "statekeeper: invalid settings: DATABASE_URL = 'postgresql://respec:****@localhost:5432/respec_dev': "
                        + "does not read as user:password@host:port/db: a password (or user) that holds @ / # ? : or % must "
                        + "have them percent-encoded (@ as %40, / as %2F, # as %23, ? as %3F, : as %3A, % as %25)\n  fix: fix "
                        + "the value where the message says it came from (flag, environment variable or config file); "
                        + "'statekeeper config list' shows each setting and its source\n",
                        "loop", "list").env("STATEKEEPER_BACKEND", "postgres")
                        .env("DATABASE_URL", "postgresql://respec:p@ss/w#rd@localhost:5432/respec_dev"),
                c(2, "statekeeper: STATEKEEPER_CONFIG names the config file " + f + "/no-such-config.toml, which does not "
                        + "exist: create it ('statekeeper config set KEY VALUE' does) or unset STATEKEEPER_CONFIG\n  fix: fix "
                        + "the value where the message says it came from (flag, environment variable or config file); "
                        + "'statekeeper config list' shows each setting and its source\n",
                        "loop", "list").env("STATEKEEPER_CONFIG", f + "/no-such-config.toml"),
                c(2, "statekeeper: unknown setting 'NO_SUCH_SETTING' ('statekeeper config list' shows every setting)\n  "
                        + "fix: see 'statekeeper config set --help'\n", "config", "set", "NO_SUCH_SETTING", "1"),
                c(2, "statekeeper: invalid setting: DATABASE_POOL_MIN_SIZE = '50': must be at most "
                        + "DATABASE_POOL_MAX_SIZE, which is 20 by default (not written to " + dir.resolve("data")
                        + "/xdg-config/statekeeper/config.toml)\n  fix: fix the value where the message says it came from "
                        + "(flag, environment variable or config file); 'statekeeper config list' shows each setting and its "
                        + "source\n", "config", "set", "DATABASE_POOL_MIN_SIZE", "50"),
                c(2, "statekeeper: invalid setting: STATEKEEPER_PORT = '\\u001b[2J': must be a whole number between 0 and "
                        + "65535 (not written to " + dir.resolve("data") + "/xdg-config/statekeeper/config.toml)\n  fix: fix "
                        + "the value where the message says it came from (flag, environment variable or config file); "
                        + "'statekeeper config list' shows each setting and its source\n",
                        "config", "set", "STATEKEEPER_PORT", ESC + "[2J"),
                c(4, "statekeeper: invalid session: name = '\\u001b[2J': must start with a letter or digit and use only "
                        + "letters, digits and . _ # : / @ + -\n  fix: correct the named fields and retry\n",
                        "session", "start", ESC + "[2J"),
                c(4, "statekeeper: invalid session (2 problems): name = "
                        + "'sssssssssssssssssssssssssssssssssssssssssssssssssssssssss...': must be at most 255 characters (has "
                        + "10000); name = 'sssssssssssssssssssssssssssssssssssssssssssssssssssssssss...': must start with a "
                        + "letter or digit and use only letters, digits and . _ # : / @ + -\n  fix: correct the named fields "
                        + "and retry\n", "session", "start", "s".repeat(10_000)),
                c(4, "statekeeper: invalid objective feedback: feedback = '': is required\n  fix: correct the named "
                        + "fields and retry\n", "loop", "objective", "{loop}", "--set", ""))
                .map(CliHostileTest::arguments);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refused")
    void isRefusedWithItsExitCodeAndAnEscapedMessageAndNothingChanges(String name, Case hostile) {
        Path data = dir.resolve("data");
        byte[] before = export(data);
        CliRunner cli = new CliRunner(data);
        hostile.env.forEach(cli::env);

        CliRunner.Result result = cli.runWithBytes(hostile.stdin, hostile.args.stream()
                .map(a -> a.replace("{loop}", loop)).toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(hostile.exit);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).as("one message, a fix, no raw control character").startsWith("statekeeper: ")
                .hasSizeLessThan(3_000).doesNotContain(ESC).doesNotContain("\u0000").doesNotContain("\u0007");
        if (hostile.err != null) {
            assertThat(result.err()).isEqualTo(hostile.err);
        }
        assertThat(export(data)).as("nothing stored changed").isEqualTo(before);
    }

    @Test
    void storedValuesWithControlCharactersArePrintedEscapedForPeopleAndExactAsJson() {
        Path data = dir.resolve("escapes");
        String id;
        try (StateStore store = StateStores.open(settings(data))) {
            id = store.createLoop(NewLoop.of(ESC + "]0;pwned\u0007" + ESC + "[2J\u202Eevil", LoopType.SPEC)).id();
        }
        CliRunner cli = new CliRunner(data);
        for (String[] command : new String[][]{{"loop", "list"}, {"loop", "get", id}, {"loop", "list", "--active"}}) {
            String shown = cli.ok(command);
            assertThat(shown).as(String.join(" ", command)).doesNotContain(ESC).doesNotContain("\u0007")
                    .doesNotContain("\u202E").contains(ESC_SHOWN + "]0;pwned\\u0007" + ESC_SHOWN + "[2J\\u202eevil");
        }
        String json = cli.ok("loop", "get", id, "--json");
        assertThat(json).doesNotContain(ESC).contains("\"project\" : \"\\u001B]0;pwned\\u0007\\u001B[2J\u202Eevil\"");
    }

    private static byte[] export(Path data) {
        try (StateStore store = StateStores.open(settings(data))) {
            return Archives.export(store);
        }
    }

    private static Settings settings(Path data) {
        return Settings.builder().set(Setting.BACKEND, "sqlite").set(Setting.DATA_DIR, data.toString()).build();
    }

    /** One hostile run: its arguments, environment and stdin, the exit code and (when set) the exact stderr. */
    static final class Case {
        final int exit;
        final String err;
        final List<String> args;
        final Map<String, String> env = new LinkedHashMap<>();
        byte[] stdin = new byte[0];

        Case(int exit, String err, String... args) {
            this.exit = exit;
            this.err = err;
            this.args = new ArrayList<>(List.of(args));
        }

        Case env(String variable, String value) {
            env.put(variable, value);
            return this;
        }

        Case stdin(String text) {
            return stdin(text.getBytes(StandardCharsets.UTF_8));
        }

        Case stdin(byte[] bytes) {
            stdin = bytes;
            return this;
        }
    }

    private static Case c(int exit, String err, String... args) {
        return new Case(exit, err, args);
    }

    private static Arguments arguments(Case c) {
        String shown = String.join(" ", c.args).replaceAll("\\p{Cntrl}", "?");
        return Arguments.arguments((shown.length() > 70 ? shown.substring(0, 70) + "..." : shown)
                + (c.env.isEmpty() ? "" : " " + c.env.keySet()), c);
    }

    private static void write(String name, String text) throws IOException {
        Files.writeString(files.resolve(name), text);
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        if (new ProcessBuilder("mkfifo", path.toString()).start().waitFor() != 0) {
            throw new IllegalStateException("mkfifo failed for " + path);
        }
    }

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
