package dev.statekeeper.cli;

import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LoopCommandsTest {
    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
    }

    private String create(String project, String type) {
        return cli.ok("loop", "create", "--project", project, "--type", type).strip();
    }

    @Test
    void createPrintsTheIdAloneAndTheNextRunReadsTheLoopBack() {
        CliRunner.Result created = cli.run("loop", "create", "--project", "demo", "--type", "spec");
        assertThat(created.exitCode()).isZero();
        assertThat(created.out()).matches("[a-z0-9]{8}\n");
        assertThat(created.err()).isEmpty();
        String id = created.out().strip();

        assertThat(cli.ok("loop", "get", id)).isEqualTo("""
                id         %s
                project    demo
                type       spec
                status     initialized
                score      0
                history    (none)
                iteration  1
                version    1
                created    2026-01-01T00:00:00Z
                updated    2026-01-01T00:00:00Z
                feedback   0 entries
                """.formatted(id));
    }

    @Test
    void feedbackFromFlagsIsShownByGetAndDecided() {
        String id = create("demo", "spec");
        assertThat(cli.ok("loop", "feedback", id, "--critic", "reviewer", "--score", "60", "--summary", "solid start",
                "--issue", "no tests", "--issue", "vague scope", "--recommendation", "add tests"))
                .isEqualTo("recorded feedback #1 on loop " + id + ": score 60, status in_progress, version 2\n");
        cli.clock.advance(Duration.ofMinutes(5));
        cli.ok("loop", "feedback", id, "--critic", "reviewer", "--iteration", "1", "--score", "62", "--summary", "better",
                "--details", "line1\nline2");

        assertThat(cli.ok("loop", "get", id)).isEqualTo("""
                id         %s
                project    demo
                type       spec
                status     in_progress
                score      62
                history    60, 62
                iteration  1
                version    3
                created    2026-01-01T00:00:00Z
                updated    2026-01-01T00:05:00Z
                feedback   2 entries

                #1 iteration 1, reviewer, score 60, 2026-01-01T00:00:00Z
                   summary          solid start
                   issues           - no tests
                                    - vague scope
                   recommendations  - add tests

                #2 iteration 1, reviewer, score 62, 2026-01-01T00:05:00Z
                   summary  better
                   details  line1
                            line2
                """.formatted(id));

        assertThat(cli.ok("loop", "decide", id)).isEqualTo("""
                loop       %s
                status     user_input
                iteration  2
                score      62 (threshold 85)
                reason     stagnation: score 62 improved by less than 5 on 60
                version    4
                """.formatted(id));
    }

    @Test
    void feedbackWithoutIterationAssessesTheLoopsCurrentIteration() {
        String id = create("demo", "plan");
        cli.ok("loop", "feedback", id, "--critic", "c", "--score", "50", "--summary", "s");
        cli.ok("loop", "decide", id);
        cli.ok("loop", "feedback", id, "--critic", "c", "--score", "90", "--summary", "s");

        Loop loop = Json.readStored(cli.ok("loop", "get", id, "--json"), Loop.class, "test output");
        assertThat(loop.feedback()).extracting(f -> f.iteration()).containsExactly(1, 2);
        assertThat(cli.ok("loop", "decide", id)).contains("status     completed\n", "reason     score 90 reached the plan threshold 85\n");
    }

    @Test
    void feedbackFromAJsonFileOrStdin() throws Exception {
        String id = create("demo", "spec");
        Path file = dir.resolve("feedback.json");
        Files.writeString(file, """
                {"criticAgent": "critic-a", "iteration": 1, "overallScore": 70, "assessmentSummary": "ok",
                 "keyIssues": ["one"], "recommendations": ["two", "three"]}
                """);
        cli.ok("loop", "feedback", id, "--file", file.toString());
        CliRunner.Result fromStdin = cli.runWithInput("""
                {"criticAgent": "critic-b", "overallScore": 80, "assessmentSummary": "better"}
                """, "loop", "feedback", id, "--file", "-", "--json");
        assertThat(fromStdin.exitCode()).isZero();
        assertThat(Json.readStored(fromStdin.out(), LoopSummary.class, "test output").feedbackCount()).isEqualTo(2);

        Loop loop = Json.readStored(cli.ok("loop", "get", id, "--json"), Loop.class, "test output");
        assertThat(loop.scoreHistory()).containsExactly(70, 80);
        assertThat(loop.feedback().getFirst().recommendations()).containsExactly("two", "three");
        assertThat(loop.feedback().getLast().criticAgent()).isEqualTo("critic-b");
        assertThat(loop.feedback().getLast().iteration()).isEqualTo(1);
    }

    @Test
    void expectVersionRefusesAStaleWrite() {
        String id = create("demo", "spec");
        CliRunner.Result stale = cli.run("loop", "feedback", id, "--critic", "c", "--score", "50", "--summary", "s",
                "--expect-version", "7");
        assertThat(stale.exitCode()).isEqualTo(4);
        assertThat(stale.err()).isEqualTo("statekeeper: loop '" + id + "' is at version 1, not 7\n"
                + "  fix: read it again and retry the change against the current version\n");
        assertThat(cli.ok("loop", "feedback", id, "--critic", "c", "--score", "50", "--summary", "s",
                "--expect-version", "1")).endsWith("version 2\n");
        assertThat(cli.run("loop", "decide", id, "--expect-version", "1").exitCode()).isEqualTo(4);
    }

    @Test
    void decideWithoutFeedbackIsAClearError() {
        String id = create("demo", "spec");
        CliRunner.Result result = cli.run("loop", "decide", id);
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).startsWith("statekeeper: loop '" + id + "' has no critic feedback yet");
    }

    @Test
    void objectiveFeedbackIsStoredAndPrinted() throws Exception {
        String id = create("demo", "spec");
        CliRunner.Result missing = cli.run("loop", "objective", id);
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).startsWith("statekeeper: objective feedback of loop '" + id + "' not found\n");

        assertThat(cli.ok("loop", "objective", id, "--set", "ship it soon"))
                .isEqualTo("stored objective feedback of loop " + id + " (12 characters)\n");
        assertThat(cli.ok("loop", "objective", id)).isEqualTo("ship it soon\n");

        Path file = dir.resolve("objective.md");
        Files.writeString(file, "line one\nline two\n");
        cli.ok("loop", "objective", id, "--file", file.toString());
        assertThat(cli.ok("loop", "objective", id)).isEqualTo("line one\nline two\n");
        assertThat(cli.ok("loop", "objective", id, "--json")).contains("\"text\" : \"line one\\nline two\\n\"");
    }

    @Test
    void deleteRemovesTheLoop() {
        String id = create("demo", "spec");
        assertThat(cli.ok("loop", "delete", id)).isEqualTo("deleted loop " + id + "\n");
        assertThat(cli.run("loop", "get", id).exitCode()).isEqualTo(3);
        assertThat(cli.run("loop", "delete", id).exitCode()).isEqualTo(3);
    }

    @Test
    void listFiltersPagesAndShowsTheActiveHistory() {
        String first = create("alpha", "spec");
        cli.clock.advance(Duration.ofMinutes(1));
        String second = create("beta", "build_code");

        assertThat(cli.ok("loop", "list")).isEqualTo("""
                ID        PROJECT  TYPE        STATUS       SCORE  ITERATION  FEEDBACK  UPDATED
                %s  beta     build_code  initialized  0      1          0         2026-01-01T00:01:00Z
                %s  alpha    spec        initialized  0      1          0         2026-01-01T00:00:00Z
                """.formatted(second, first));
        assertThat(cli.ok("loop", "list", "--type", "spec")).contains(first).doesNotContain(second);
        assertThat(cli.ok("loop", "list", "--project", "beta", "--status", "initialized")).contains(second)
                .doesNotContain(first);
        assertThat(cli.ok("loop", "list", "--status", "completed")).isEqualTo("no loops\n");
        assertThat(cli.ok("loop", "list", "--limit", "1")).endsWith("showing 1-1 of 2; next page: --offset 1\n");
        assertThat(cli.ok("loop", "list", "--limit", "1", "--offset", "1")).contains(first).doesNotContain(second)
                .doesNotContain("showing");
        assertThat(cli.ok("loop", "list", "--active")).contains(first, second);

        CliRunner.Result filtered = cli.run("loop", "list", "--active", "--project", "alpha");
        assertThat(filtered.exitCode()).isEqualTo(2);
        assertThat(filtered.err()).startsWith("statekeeper: --active shows the whole active-loop history");
    }

    @Test
    void jsonOutputParsesBackIntoTheDomainRecords() {
        CliRunner.Result created = cli.run("loop", "create", "--project", "demo", "--type", "analyst", "--json");
        Loop loop = Json.readStored(created.out(), Loop.class, "test output");
        assertThat(loop.project()).isEqualTo("demo");
        assertThat(loop.type()).isEqualTo(LoopType.ANALYST);
        assertThat(loop.status()).isEqualTo(LoopStatus.INITIALIZED);

        assertThat(Json.readStored(cli.ok("loop", "get", loop.id(), "--json"), Loop.class, "test output")).isEqualTo(loop);
        assertThat(cli.ok("--json", "loop", "list")).contains("\"total\" : 1", "\"id\" : \"" + loop.id() + "\"");
        assertThat(cli.ok("loop", "delete", loop.id(), "--json")).isEqualTo("""
                {
                  "deleted" : "loop",
                  "id" : "%s"
                }
                """.formatted(loop.id()));
    }
}
