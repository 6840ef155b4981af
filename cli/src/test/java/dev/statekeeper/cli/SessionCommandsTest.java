package dev.statekeeper.cli;

import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SessionCommandsTest {
    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
    }

    @Test
    void startGetListAndEnd() {
        assertThat(cli.ok("session", "start", "fix-login", "--repo-name", "web", "--repo-url", "https://git.example/web",
                "--branch", "fix/login", "--task-id", "T-42", "--meta", "owner=ana", "--meta", "agent=claude"))
                .isEqualTo("started session fix-login\n");
        cli.clock.advance(Duration.ofMinutes(1));
        cli.ok("session", "start", "docs");

        assertThat(cli.ok("session", "get", "fix-login")).isEqualTo("""
                name        fix-login
                status      active
                repo        web
                repo url    https://git.example/web
                branch      fix/login
                task        T-42
                created     2026-01-01T00:00:00Z
                updated     2026-01-01T00:00:00Z
                meta agent  claude
                meta owner  ana
                """);
        assertThat(cli.ok("session", "list")).isEqualTo("""
                NAME       STATUS  REPO  BRANCH     TASK  UPDATED
                docs       active  -     -          -     2026-01-01T00:01:00Z
                fix-login  active  web   fix/login  T-42  2026-01-01T00:00:00Z
                """);
        assertThat(cli.ok("session", "list", "--task-id", "T-42")).doesNotContain("docs");
        assertThat(cli.ok("session", "list", "--repo-name", "nope")).isEqualTo("no sessions\n");

        assertThat(cli.ok("session", "end", "fix-login")).isEqualTo("ended session fix-login\n");
        Session ended = Json.readStored(cli.ok("session", "get", "fix-login", "--json"), Session.class, "test");
        assertThat(ended.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(cli.ok("session", "list", "--status", "ended")).contains("fix-login").doesNotContain("docs");

        CliRunner.Result duplicate = cli.run("session", "start", "docs");
        assertThat(duplicate.exitCode()).isEqualTo(4);
        assertThat(duplicate.err()).startsWith("statekeeper: session 'docs' already exists\n");
        assertThat(cli.run("session", "get", "nope").err()).startsWith("statekeeper: session 'nope' not found\n");
    }

    @Test
    void cleanRemovesEndedSessionsOlderThanTheAge() {
        cli.ok("session", "start", "old");
        cli.ok("session", "end", "old");
        cli.ok("session", "start", "still-active");
        cli.clock.advance(Duration.ofDays(31));

        assertThat(cli.ok("session", "clean", "--older-than", "30d", "--dry-run"))
                .isEqualTo("would remove 1 ended session older than 30d: old\n");
        assertThat(cli.ok("session", "get", "old")).contains("status    ended\nrepo      -\n");
        assertThat(cli.ok("session", "clean", "--older-than", "60d")).isEqualTo("no ended sessions older than 60d\n");
        assertThat(cli.ok("session", "clean", "--older-than", "30d", "--json")).isEqualTo("""
                {
                  "olderThan" : "30d",
                  "dryRun" : false,
                  "sessions" : [ "old" ]
                }
                """);
        assertThat(cli.run("session", "get", "old").exitCode()).isEqualTo(3);
        assertThat(cli.ok("session", "list")).contains("still-active");
    }
}
