package dev.statekeeper.cli;

import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code statekeeper events} and {@code statekeeper loop wait} on the default SQLite store. */
class EventCommandsTest {
    private static final String USER = System.getProperty("user.name");

    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
    }

    private String create(String project) {
        return cli.ok("loop", "create", "--project", project, "--type", "spec").strip();
    }

    @Test
    void listsEveryWriteWithWhoWroteItThroughTheCli() {
        assertThat(cli.ok("events")).isEqualTo("no events yet\n");
        String id = create("demo");
        cli.ok("loop", "feedback", id, "--critic", "reviewer", "--score", "60", "--summary", "solid start");
        cli.ok("session", "start", "s1", "--branch", "main");

        assertThat(cli.ok("events")).isEqualTo("""
                #1  2026-01-01T00:00:00Z  loop.created  loop:%1$s  v1  by %2$s via cli  status=initialized type=spec
                #2  2026-01-01T00:00:00Z  loop.feedback_added  loop:%1$s  v2  by %2$s via cli  critic=reviewer \
                iteration=1 score=60 status=in_progress statusBefore=initialized
                #3  2026-01-01T00:00:00Z  session.started  session:s1  by %2$s via cli  branch=main status=active
                """.formatted(id, USER));
    }

    @Test
    void filtersByEntityProjectSequenceAndTimeAndLimits() {
        String a = create("p1");
        String b = create("p2");
        cli.ok("loop", "feedback", a, "--critic", "c", "--score", "10", "--summary", "s");

        assertThat(sequences("events", "--entity", "loop:" + a)).containsExactly(1, 3);
        assertThat(sequences("events", "--project", "p2")).containsExactly(2);
        assertThat(sequences("events", "--since", "1")).containsExactly(2, 3);
        assertThat(sequences("events", "--since", "1h")).containsExactly(1, 2, 3);
        assertThat(sequences("events", "--limit", "2")).containsExactly(1, 2);
        assertThat(sequences("events", "--entity", "loop:" + b, "--since", "2")).isEmpty();
        assertThat(cli.ok("events", "--project", "nope")).isEqualTo("no events match\n");
    }

    @SuppressWarnings("unchecked")
    private List<Integer> sequences(String... args) {
        String[] withJson = new String[args.length + 1];
        System.arraycopy(args, 0, withJson, 0, args.length);
        withJson[args.length] = "--json";
        Map<String, Object> out = Json.readStored(cli.ok(withJson), Map.class, "events --json");
        assertThat(out).containsKey("lastSequence");
        return ((List<Map<String, Object>>) out.get("items")).stream()
                .map(e -> ((Number) e.get("sequence")).intValue()).toList();
    }

    @Test
    void followPrintsEventsOfAnotherWriterAsTheyCommit() throws Exception {
        String id = create("demo");
        CompletableFuture<CliRunner.Result> follower = CompletableFuture.supplyAsync(() ->
                new CliRunner(dir).run("events", "--since", "1", "--follow", "--limit", "2", "--timeout", "2m",
                        "--json"));
        cli.ok("loop", "feedback", id, "--critic", "c", "--score", "10", "--summary", "s");
        cli.ok("loop", "decide", id);

        CliRunner.Result followed = follower.get(60, TimeUnit.SECONDS);
        assertThat(followed.exitCode()).isZero();
        List<String> lines = followed.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"sequence\":2,").contains("\"operation\":\"loop.feedback_added\"");
        assertThat(lines.get(1)).startsWith("{\"sequence\":3,").contains("\"operation\":\"loop.decided\"");
    }

    @Test
    void refusesBadOptionsWithExactMessages() {
        assertUsage(cli.run("events", "--since", "abc"), "--since \"abc\": use a sequence number (1200), a duration "
                + "back from now (90s, 15m, 1h, 7d) or an ISO-8601 instant (2026-12-02T15:00:00Z)");
        assertUsage(cli.run("events", "--timeout", "5m"), "--timeout applies to --follow only");
        assertUsage(cli.run("events", "--limit", "0"), "--limit 0: must be at least 1");
        CliRunner.Result entity = cli.run("events", "--entity", "robot:1");
        assertThat(entity.exitCode()).isEqualTo(4);
        assertThat(entity.err()).contains("invalid events query: entity = 'robot:1': must be KIND or KIND:ID with "
                + "KIND one of loop, spec, roadmap, plan, session, such as loop:3f2a...");
        CliRunner.Result nul = cli.run("events", "--project", "a\u0000b");
        assertThat(nul.exitCode()).isEqualTo(4);
        assertThat(nul.err()).contains("invalid events query: project");
        CliRunner.Result huge = cli.run("events", "--since", "9".repeat(40));
        assertThat(huge.exitCode()).isEqualTo(2);
    }

    private static void assertUsage(CliRunner.Result result, String message) {
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(message);
    }

    @Test
    void loopWaitReturnsWhenAnotherWriterMovesTheLoop() throws Exception {
        String id = create("demo");
        CompletableFuture<CliRunner.Result> waiting = CompletableFuture.supplyAsync(() ->
                new CliRunner(dir).run("loop", "wait", id, "--until-status", "in_progress", "--timeout", "2m"));
        cli.ok("loop", "feedback", id, "--critic", "c", "--score", "10", "--summary", "s");

        CliRunner.Result done = waiting.get(60, TimeUnit.SECONDS);
        assertThat(done.exitCode()).isZero();
        assertThat(done.out()).contains(id).contains("in_progress");

        assertThat(cli.ok("loop", "wait", id, "--version", "1", "--json"))
                .contains("\"reached\" : true").contains("\"version\" : 2");
    }

    @Test
    void loopWaitTimesOutWithExitSevenAndSaysWhereTheLoopIs() {
        String id = create("demo");

        CliRunner.Result timedOut = cli.run("loop", "wait", id, "--timeout", "1s");
        assertThat(timedOut.exitCode()).isEqualTo(7);
        assertThat(timedOut.err()).contains("loop '" + id + "' did not move past version 1 within 1s; it is at "
                + "version 1, status initialized");

        assertThat(cli.run("loop", "wait", "nope", "--timeout", "1s").exitCode()).isEqualTo(3);
        assertUsage(cli.run("loop", "wait", id, "--version", "1", "--until-status", "completed"),
                "--until-status and --version wait for different things: give one of them");
        assertUsage(cli.run("loop", "wait", id, "--version", "-1"), "--version -1: must be at least 0");
        assertThat(cli.run("loop", "wait", id, "--until-status", "sleeping").exitCode()).isEqualTo(2);
    }
}
