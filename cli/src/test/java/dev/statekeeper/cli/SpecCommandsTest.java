package dev.statekeeper.cli;

import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecStatus;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SpecCommandsTest {
    private static final String USER_AUTH = """
            {"title": "User Auth", "objectives": "log users in", "scope": "web only", "architecture": "a service",
             "additionalSections": {"Rollout": "canary first"}}
            """;

    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
    }

    private String file(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json).toString();
    }

    @Test
    void putThenGetShowsTheSpecAsSections() throws Exception {
        assertThat(cli.ok("spec", "put", "--project", "demo", "--file", file("spec.json", USER_AUTH)))
                .isEqualTo("stored spec 'user-auth' of project 'demo' (version 1, iteration 0)\n");
        assertThat(cli.ok("spec", "get", "--project", "demo", "--name", "user-auth")).isEqualTo("""
                # User Auth
                project  demo
                name     user-auth
                status   draft
                version  1 (iteration 0)
                created  2026-01-01T00:00:00Z
                updated  2026-01-01T00:00:00Z

                ## Objectives
                log users in

                ## Scope
                web only

                ## Architecture
                a service

                ## Rollout
                canary first
                """);
    }

    @Test
    void updatesKeepEveryRevisionAndGuardFrozenFields() throws Exception {
        cli.ok("spec", "put", "--project", "demo", "--file", file("spec.json", USER_AUTH));
        cli.clock.advance(Duration.ofHours(1));

        CliRunner.Result frozen = cli.run("spec", "update", "--project", "demo", "--name", "user-auth", "--file",
                file("frozen.json", "{\"scope\": \"mobile too\"}"));
        assertThat(frozen.exitCode()).isEqualTo(4);
        assertThat(frozen.err()).isEqualTo("""
                statekeeper: invalid spec update: scope = 'mobile too': is frozen after the first version and cannot change
                  fix: omit the frozen fields (objectives, scope, dependencies, deliverables) or store a new spec
                """);

        String update = file("update.json", "{\"status\": \"in-review\", \"architecture\": \"two services\"}");
        assertThat(cli.run("spec", "update", "--project", "demo", "--name", "user-auth", "--file", update,
                "--expect-version", "5").exitCode()).isEqualTo(4);
        assertThat(cli.ok("spec", "update", "--project", "demo", "--name", "User Auth", "--file", update,
                "--expect-version", "1"))
                .isEqualTo("updated spec 'user-auth' of project 'demo' (version 2, iteration 1)\n");

        assertThat(cli.ok("spec", "history", "--project", "demo", "--name", "user-auth")).isEqualTo("""
                NAME       STATUS     VERSION  ITERATION  UPDATED               TITLE
                user-auth  draft      1        0          2026-01-01T00:00:00Z  User Auth
                user-auth  in-review  2        1          2026-01-01T01:00:00Z  User Auth
                """);
        assertThat(cli.ok("spec", "get", "--project", "demo", "--name", "user-auth", "--version", "1"))
                .contains("status   draft\n", "## Architecture\na service\n");
        assertThat(cli.ok("spec", "get", "--project", "demo", "--name", "user-auth"))
                .contains("status   in-review\n", "## Architecture\ntwo services\n", "## Scope\nweb only\n");

        CliRunner.Result noSuchVersion = cli.run("spec", "get", "--project", "demo", "--name", "user-auth", "--version", "9");
        assertThat(noSuchVersion.exitCode()).isEqualTo(3);
        assertThat(noSuchVersion.err()).startsWith(
                "statekeeper: version 9 of spec 'user-auth' of project 'demo' not found (it has versions 1 to 2)\n");
    }

    @Test
    void listResolveAndDelete() throws Exception {
        cli.ok("spec", "put", "--project", "demo", "--file", file("a.json", USER_AUTH));
        cli.runWithInput("{\"title\": \"Billing Service\", \"status\": \"approved\"}",
                "spec", "put", "--project", "demo", "--file", "-");

        assertThat(cli.ok("spec", "list", "--project", "demo")).isEqualTo("""
                NAME             STATUS    VERSION  ITERATION  UPDATED               TITLE
                user-auth        draft     1        0          2026-01-01T00:00:00Z  User Auth
                billing-service  approved  1        0          2026-01-01T00:00:00Z  Billing Service
                """);
        assertThat(cli.ok("spec", "list", "--project", "demo", "--status", "approved")).doesNotContain("user-auth");
        assertThat(cli.ok("spec", "list", "--project", "other")).isEqualTo("no specs\n");

        assertThat(cli.ok("spec", "resolve", "--project", "demo", "bill")).isEqualTo("billing-service\n");
        assertThat(cli.ok("spec", "resolve", "--project", "demo", "user auth")).isEqualTo("user-auth\n");
        assertThat(cli.run("spec", "resolve", "--project", "demo", "zzzz").exitCode()).isEqualTo(3);

        assertThat(cli.ok("spec", "delete", "--project", "demo", "--name", "user-auth"))
                .isEqualTo("deleted spec 'user-auth' of project 'demo'\n");
        assertThat(cli.run("spec", "get", "--project", "demo", "--name", "user-auth").err())
                .startsWith("statekeeper: spec 'user-auth' of project 'demo' not found\n");
    }

    @Test
    void aLoopLinksToASpec() throws Exception {
        cli.ok("spec", "put", "--project", "demo", "--file", file("a.json", USER_AUTH));
        String loop = cli.ok("loop", "create", "--project", "demo", "--type", "spec").strip();
        assertThat(cli.run("spec", "get", "--loop", loop).exitCode()).isEqualTo(3);

        assertThat(cli.ok("spec", "link", "--loop", loop, "--project", "demo", "--name", "user-auth"))
                .isEqualTo("linked loop " + loop + " to spec 'user-auth' of project 'demo'\n");
        Spec linked = Json.readStored(cli.ok("spec", "get", "--loop", loop, "--json"), Spec.class, "test output");
        assertThat(linked.name()).isEqualTo("user-auth");
        assertThat(linked.content().status()).isEqualTo(SpecStatus.DRAFT);

        assertThat(cli.ok("spec", "unlink", "--loop", loop)).isEqualTo("unlinked loop " + loop + " from its spec\n");
        assertThat(cli.run("spec", "get", "--loop", loop).err())
                .startsWith("statekeeper: spec link of loop '" + loop + "' not found\n");
    }

    @Test
    void getNeedsEitherALoopOrAProjectAndName() {
        assertThat(cli.run("spec", "get").exitCode()).isEqualTo(2);
        assertThat(cli.run("spec", "get", "--project", "demo").err()).contains("Missing required argument");
        assertThat(cli.run("spec", "get", "--loop", "x", "--project", "demo", "--name", "n").err())
                .contains("mutually exclusive");
    }
}
