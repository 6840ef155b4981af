package dev.statekeeper.cli;

import dev.statekeeper.core.domain.PlanStatus;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Roadmaps and project plans: one document per project, read as JSON, shown as sections. */
class DocumentCommandsTest {
    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir);
    }

    @Test
    void aRoadmapIsShownWithTheProjectsSpecs() {
        cli.runWithInput("{\"title\": \"User Auth\"}", "spec", "put", "--project", "demo", "--file", "-");
        assertThat(cli.runWithInput("{\"title\": \"Launch\", \"projectGoal\": \"ship v1\", \"keyRisks\": \"time\"}",
                "roadmap", "put", "--project", "demo", "--file", "-").out())
                .isEqualTo("stored roadmap of project 'demo' (version 1)\n");

        assertThat(cli.ok("roadmap", "get", "--project", "demo")).isEqualTo("""
                # Launch
                project  demo
                status   draft
                version  1
                created  2026-01-01T00:00:00Z
                updated  2026-01-01T00:00:00Z

                ## Project goal
                ship v1

                ## Key risks
                time

                ## Specs
                NAME       STATUS  VERSION  TITLE
                user-auth  draft   1        User Auth
                """);

        cli.runWithInput("{\"status\": \"approved\"}", "roadmap", "put", "--project", "demo", "--file", "-");
        Roadmap roadmap = Json.readStored(cli.ok("roadmap", "get", "--project", "demo", "--json"), Roadmap.class, "test");
        assertThat(roadmap.version()).isEqualTo(2);
        assertThat(roadmap.content().projectGoal()).isEqualTo("ship v1");
        assertThat(roadmap.specs()).extracting(s -> s.name()).containsExactly("user-auth");
    }

    @Test
    void aMissingRoadmapIsNotFound() {
        CliRunner.Result result = cli.run("roadmap", "get", "--project", "demo");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("""
                statekeeper: roadmap of project 'demo' not found
                  fix: store one with 'statekeeper roadmap put'
                """);
    }

    @Test
    void plansArePutListedShownAndDeleted() {
        assertThat(cli.runWithInput("{\"vision\": \"fast checkout\", \"budget\": \"10k\"}",
                "plan", "put", "--project", "shop", "--file", "-").out())
                .isEqualTo("stored plan of project 'shop' (version 1)\n");
        cli.clock.advance(Duration.ofMinutes(1));
        cli.runWithInput("{\"status\": \"active\", \"vision\": \"fast payroll\"}",
                "plan", "put", "--project", "hr", "--file", "-");

        assertThat(cli.ok("plan", "get", "--project", "shop")).isEqualTo("""
                # Plan of shop
                status   draft
                version  1
                created  2026-01-01T00:00:00Z
                updated  2026-01-01T00:00:00Z

                ## Vision
                fast checkout

                ## Budget
                10k
                """);
        assertThat(cli.ok("plan", "list")).isEqualTo("""
                PROJECT  STATUS  VERSION  UPDATED               VISION
                hr       active  1        2026-01-01T00:01:00Z  fast payroll
                shop     draft   1        2026-01-01T00:00:00Z  fast checkout
                """);
        assertThat(cli.ok("plan", "list", "--status", "active")).doesNotContain("shop");

        ProjectPlan plan = Json.readStored(cli.ok("plan", "get", "--project", "hr", "--json"), ProjectPlan.class, "test");
        assertThat(plan.content().status()).isEqualTo(PlanStatus.ACTIVE);

        assertThat(cli.ok("plan", "delete", "--project", "shop")).isEqualTo("deleted plan of project 'shop'\n");
        assertThat(cli.run("plan", "get", "--project", "shop").exitCode()).isEqualTo(3);
        assertThat(cli.ok("plan", "list", "--status", "cancelled")).isEqualTo("no plans\n");
    }
}
