package dev.statekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The error contract: one line of cause, one line of fix, a stable exit code, JSON on request. */
class ErrorOutputTest {
    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
    }

    @Test
    void anUnknownLoopIsNotFound() {
        CliRunner.Result result = cli.run("loop", "get", "nope1234");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("""
                statekeeper: loop 'nope1234' not found
                  fix: list loops with 'statekeeper loop list'
                """);
    }

    @Test
    void aScoreOutOfRangeIsInvalidInputAndNothingIsWritten() {
        String id = cli.ok("loop", "create", "--project", "demo", "--type", "spec").strip();
        CliRunner.Result result = cli.run("loop", "feedback", id, "--critic", "c", "--iteration", "1", "--score", "101",
                "--summary", "s");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).isEqualTo("""
                statekeeper: invalid feedback: overallScore = 101: must be between 0 and 100
                  fix: correct the named fields and retry
                """);
        assertThat(cli.ok("loop", "get", id)).contains("feedback   0 entries");
    }

    @Test
    void aCompletedLoopRefusesFeedbackAndDecideWithExitCode4() {
        String id = cli.ok("loop", "create", "--project", "demo", "--type", "build_code").strip();
        cli.ok("loop", "feedback", id, "--critic", "c", "--score", "96", "--summary", "s");
        cli.ok("loop", "decide", id);

        CliRunner.Result feedback = cli.run("loop", "feedback", id, "--critic", "c", "--score", "50", "--summary", "s");
        CliRunner.Result decide = cli.run("loop", "decide", id);

        String fix = "  fix: start a new loop for the next round ('statekeeper loop create', initialize_refinement_loop); "
                + "'statekeeper loop get ID' shows the completed one\n";
        assertThat(feedback.exitCode()).isEqualTo(4);
        assertThat(feedback.err()).isEqualTo("statekeeper: loop '" + id + "' is completed (score 96 at iteration 1), "
                + "so it takes no more feedback\n" + fix);
        assertThat(decide.exitCode()).isEqualTo(4);
        assertThat(decide.err()).isEqualTo("statekeeper: loop '" + id + "' is completed (score 96 at iteration 1), "
                + "so it takes no more decisions\n" + fix);
        assertThat(cli.ok("loop", "get", id)).contains("score      96\n", "feedback   1 entry\n");
    }

    @Test
    void jsonModePrintsTheErrorAsJsonOnStderr() throws Exception {
        String id = cli.ok("loop", "create", "--project", "demo", "--type", "spec").strip();
        CliRunner.Result result = cli.run("--json", "loop", "feedback", id, "--critic", "c", "--score", "101",
                "--summary", "s");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.out()).isEmpty();
        JsonNode error = Json.mapper().readTree(result.err()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("validation-failed");
        assertThat(error.get("message").asText()).isEqualTo("invalid feedback: overallScore = 101: must be between 0 and 100");
        assertThat(error.get("violations")).hasSize(1);
        assertThat(error.get("violations").get(0).get("field").asText()).isEqualTo("overallScore");
        assertThat(error.get("violations").get(0).get("value").asInt()).isEqualTo(101);
        assertThat(error.get("violations").get(0).get("rule").asText()).isEqualTo("must be between 0 and 100");

        JsonNode notFound = Json.mapper().readTree(cli.run("loop", "get", "nope1234", "--json").err()).get("error");
        assertThat(notFound.get("code").asText()).isEqualTo("loop-not-found");
        assertThat(notFound.get("fix").asText()).isEqualTo("list loops with 'statekeeper loop list'");
    }

    @Test
    void badFlagsAreUsageErrorsWithAHintToHelp() {
        CliRunner.Result unknown = cli.run("loop", "create", "--project", "demo", "--type", "spec", "--colour", "red");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).startsWith("statekeeper: Unknown options: '--colour', 'red'\n")
                .endsWith("  fix: see 'statekeeper loop create --help'\n");

        CliRunner.Result missing = cli.run("loop", "create", "--type", "spec");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("""
                statekeeper: Missing required option: '--project=PROJECT'
                  fix: see 'statekeeper loop create --help'
                """);

        CliRunner.Result badType = cli.run("loop", "create", "--project", "demo", "--type", "novel");
        assertThat(badType.exitCode()).isEqualTo(2);
        assertThat(badType.err()).startsWith("statekeeper: Invalid value for option '--type': 'novel' must be one of "
                + "plan, roadmap, spec, build_plan, build_code, analyst\n");

        assertThat(cli.run("loop", "feedback", "x", "--critic", "c", "--score", "high", "--summary", "s").exitCode())
                .isEqualTo(2);
        assertThat(cli.run("loop", "feedback", "x", "--file", "f.json", "--critic", "c", "--score", "1",
                "--summary", "s").err()).contains("mutually exclusive");
        assertThat(cli.run("session", "clean", "--older-than", "soon").err())
                .startsWith("statekeeper: Invalid value for option '--older-than': 'soon' must be a number followed by");
    }

    @Test
    void aMistypedCommandSuggestsTheClosestCommands() {
        CliRunner.Result result = cli.run("loop", "creat");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("""
                statekeeper: Unmatched argument at index 1: 'creat'
                Did you mean: loop create or loop clean?
                  fix: see 'statekeeper loop --help'
                """);
    }

    @Test
    void aGroupWithoutSubcommandIsAUsageError() {
        CliRunner.Result result = cli.run("spec");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("statekeeper: missing command: choose one of put, update, get, list,");
        assertThat(cli.run().exitCode()).isEqualTo(2);
    }

    @Test
    void usageErrorsAreJsonInJsonMode() throws Exception {
        CliRunner.Result result = cli.run("loop", "get", "--json");
        assertThat(result.exitCode()).isEqualTo(2);
        JsonNode error = Json.mapper().readTree(result.err()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("usage");
        assertThat(error.get("message").asText()).isEqualTo("Missing required parameter: 'ID'");
    }

    @Test
    void debugAddsTheStackTrace() {
        assertThat(cli.run("loop", "get", "nope1234").err()).doesNotContain("\tat ");
        assertThat(cli.run("--debug", "loop", "get", "nope1234").err()).contains("StatekeeperException", "\tat ");
        assertThat(cli.env("STATEKEEPER_DEBUG", "1").run("loop", "get", "nope1234").err()).contains("\tat ");
    }

    @Test
    void aMissingInputFileIsNamedTheSameWayWhateverReadsIt() {
        CliRunner.Result spec = cli.run("spec", "put", "--project", "demo", "--file", dir.resolve("nope.json").toString());
        assertThat(spec).isEqualTo(new CliRunner.Result(2, "", "statekeeper: cannot read spec file '"
                + dir.resolve("nope.json") + "': no such file\n  fix: check the path and that the file is readable; "
                + "'-' reads stdin where the command takes it\n"));
        CliRunner.Result export = cli.run("db", "import", dir.resolve("nope.jsonl").toString());
        assertThat(export).isEqualTo(new CliRunner.Result(2, "", "statekeeper: cannot read export file '"
                + dir.resolve("nope.jsonl") + "': no such file\n  fix: check the path and that the file is readable; "
                + "'-' reads stdin where the command takes it\n"));
        assertThat(cli.run("spec", "put", "--project", "demo", "--file", dir.toString()).err())
                .startsWith("statekeeper: cannot read spec file '" + dir + "': it is a directory\n");
    }
}
