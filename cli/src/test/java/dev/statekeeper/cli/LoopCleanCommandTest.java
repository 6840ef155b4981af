package dev.statekeeper.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LoopCleanCommandTest {
    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
    }

    private String create() {
        return cli.ok("loop", "create", "--project", "demo", "--type", "spec").strip();
    }

    /** A spec loop whose feedback of 90 reached the threshold, decided completed. */
    private String completed() {
        String id = create();
        cli.ok("loop", "feedback", id, "--critic", "reviewer", "--score", "90", "--summary", "done");
        assertThat(cli.ok("loop", "decide", id)).contains("completed");
        return id;
    }

    @Test
    void removesCompletedLoopsOlderThanTheAgeAndADryRunOnlyListsThem() {
        String old = completed();
        String open = create();
        cli.clock.advance(Duration.ofDays(31));
        String recent = completed();

        assertThat(cli.ok("loop", "clean", "--older-than", "30d", "--dry-run"))
                .isEqualTo("would remove 1 completed loop older than 30d: " + old + "\n");
        assertThat(cli.ok("loop", "get", old)).contains("\nstatus     completed\n");
        assertThat(cli.ok("loop", "clean", "--older-than", "60d")).isEqualTo("no completed loops older than 60d\n");
        assertThat(cli.ok("loop", "clean", "--older-than", "30d", "--json")).isEqualTo("""
                {
                  "olderThan" : "30d",
                  "dryRun" : false,
                  "loops" : [ "%s" ]
                }
                """.formatted(old));
        assertThat(cli.run("loop", "get", old).exitCode()).isEqualTo(3);
        assertThat(cli.ok("loop", "list")).contains(open).contains(recent);
    }

    @Test
    void namesEveryLoopInIdOrder() {
        String first = completed();
        String second = completed();
        cli.clock.advance(Duration.ofHours(13));
        String[] sorted = Stream.of(first, second).sorted().toArray(String[]::new);

        assertThat(cli.ok("loop", "clean", "--older-than", "12h", "--dry-run", "--json")).isEqualTo("""
                {
                  "olderThan" : "12h",
                  "dryRun" : true,
                  "loops" : [ "%s", "%s" ]
                }
                """.formatted(sorted[0], sorted[1]));
        assertThat(cli.ok("loop", "clean", "--older-than", "12h"))
                .isEqualTo("removed 2 completed loops older than 12h: " + sorted[0] + ", " + sorted[1] + "\n");
        assertThat(cli.ok("loop", "list")).isEqualTo("no loops\n");
    }

    @Test
    void aBadAgeIsAUsageErrorWordedAsForSessionClean() {
        for (String age : new String[] {"soon", "-1d", "36501d"}) {
            CliRunner.Result loops = cli.run("loop", "clean", "--older-than", age);
            CliRunner.Result sessions = cli.run("session", "clean", "--older-than", age);
            assertThat(loops.exitCode()).isEqualTo(2);
            assertThat(loops.err().lines().findFirst()).isEqualTo(sessions.err().lines().findFirst());
        }
        assertThat(cli.run("loop", "clean", "--older-than", "soon").err()).isEqualTo("""
                statekeeper: Invalid value for option '--older-than': 'soon' must be a number followed by s, m, h, d or w (e.g. 30d)
                  fix: see 'statekeeper loop clean --help'
                """);
        assertThat(cli.run("loop", "clean", "--older-than", "36501d").err())
                .startsWith("statekeeper: Invalid value for option '--older-than': '36501d' must be at most 36500d (100 years)\n");
        assertThat(cli.run("loop", "clean").err()).startsWith("statekeeper: Missing required option: '--older-than=AGE'\n");
    }
}
