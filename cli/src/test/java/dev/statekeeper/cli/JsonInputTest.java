package dev.statekeeper.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad JSON documents are refused with the field path and the problem, and nothing is written. */
class JsonInputTest {
    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
    }

    private CliRunner.Result putSpec(String json) {
        return cli.runWithInput(json, "spec", "put", "--project", "demo", "--file", "-");
    }

    @Test
    void anUnknownFieldIsNamed() {
        CliRunner.Result result = putSpec("{\"title\": \"A\", \"foo\": 1}");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).startsWith("statekeeper: invalid spec JSON (stdin): unknown field 'foo' (known fields: "
                + "additionalSections, architecture, deliverables, dependencies,");
        assertThat(result.err()).endsWith("  fix: correct the named fields and retry\n");
        assertThat(cli.ok("spec", "list", "--project", "demo")).isEqualTo("no specs\n");
    }

    @Test
    void aWrongTypeNamesTheFieldAndWhatWasExpected() {
        String id = cli.ok("loop", "create", "--project", "demo", "--type", "spec").strip();
        CliRunner.Result result = cli.runWithInput("""
                {"criticAgent": "c", "overallScore": "high", "assessmentSummary": "s"}
                """, "loop", "feedback", id, "--file", "-");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).startsWith("statekeeper: invalid feedback JSON (stdin): wrong type for 'overallScore': "
                + "expected a whole number, got the string \"high\"\n");

        CliRunner.Result list = cli.runWithInput("""
                {"criticAgent": "c", "overallScore": 5, "assessmentSummary": "s", "keyIssues": "one"}
                """, "loop", "feedback", id, "--file", "-");
        assertThat(list.err()).contains("wrong type for 'keyIssues': expected an array, got the string \"one\"");

        CliRunner.Result element = cli.runWithInput("""
                {"criticAgent": "c", "overallScore": 5, "assessmentSummary": "s", "keyIssues": ["a", {"b": 1}]}
                """, "loop", "feedback", id, "--file", "-");
        assertThat(element.err()).contains("wrong type for 'keyIssues[1]': expected a string, got an object");
        assertThat(cli.ok("loop", "get", id)).contains("feedback   0 entries");
    }

    @Test
    void invalidUtf8OnStdinIsRefusedLikeInAFile() {
        byte[] latin1 = "{\"title\": \"Caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        CliRunner.Result result = cli.runWithBytes(latin1, "spec", "put", "--project", "demo", "--file", "-");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("statekeeper: cannot read spec file on stdin: it is not UTF-8 text\n");
        assertThat(cli.ok("spec", "list", "--project", "demo")).doesNotContain("caf");
    }

    @Test
    void aNullListItemIsNamedByItsIndex() {
        String id = cli.ok("loop", "create", "--project", "demo", "--type", "spec").strip();
        CliRunner.Result result = cli.runWithInput("""
                {"criticAgent": "c", "overallScore": 50, "assessmentSummary": "s", "keyIssues": ["a", null]}""",
                "loop", "feedback", id, "--file", "-");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).startsWith("statekeeper: invalid feedback: keyIssues[1] = (missing): is required\n");
    }

    @Test
    void aMissingScoreIsNotReadAsZero() {
        String id = cli.ok("loop", "create", "--project", "demo", "--type", "spec").strip();
        CliRunner.Result result = cli.runWithInput("{\"criticAgent\": \"c\", \"assessmentSummary\": \"s\"}",
                "loop", "feedback", id, "--file", "-");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).isEqualTo("""
                statekeeper: invalid feedback: overallScore = (missing): is required
                  fix: correct the named fields and retry
                """);
    }

    @Test
    void aBadEnumValueListsTheAllowedOnes() {
        CliRunner.Result result = putSpec("{\"title\": \"A\", \"status\": \"done\"}");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).startsWith("statekeeper: invalid spec JSON (stdin): bad value for 'status': the string "
                + "\"done\" must be one of draft, in-review, approved, implementation-ready, in-development, completed\n");
    }

    @Test
    void malformedJsonIsReportedWithLineAndColumn() {
        CliRunner.Result result = putSpec("{\"title\": \"A\",\n  \"scope\": }");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).startsWith("statekeeper: invalid spec JSON (stdin): malformed JSON at line 2, column 12: "
                + "Unexpected character ('}'");
    }

    @Test
    void notAnObjectOrNothingAtAll() {
        assertThat(putSpec("[1, 2]").err())
                .startsWith("statekeeper: invalid spec JSON (stdin): expected a JSON object, got an array\n");
        assertThat(putSpec("  ").err())
                .startsWith("statekeeper: invalid spec JSON (stdin): the input is empty; expected a JSON object\n");
        assertThat(putSpec("{} {}").err()).contains("malformed JSON at line 1, column");
    }

    @Test
    void jsonModeCarriesTheViolation() {
        CliRunner.Result result = cli.runWithInput("{\"title\": \"A\", \"foo\": 1}",
                "--json", "roadmap", "put", "--project", "demo", "--file", "-");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).contains("\"field\" : \"foo\"", "\"rule\" : \"unknown field\"");
    }
}
