package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.testkit.postgres.HeldPool;
import dev.statekeeper.testkit.postgres.PostgresServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run_doctor} through the MCP Java SDK client over streamable HTTP, on a real SQLite store. */
class DoctorToolTest {
    private static final String USAGE_FIX = "\nfix: see 'statekeeper help' or add --help to the command";

    @RegisterExtension
    static final JettyMcp.PerClass MCP = JettyMcp.perClass();

    @Test
    void isListedReadOnlyAndNotDestructive() {
        Tool tool = MCP.mcp().client.listTools().tools().stream().filter(t -> t.name().equals("run_doctor")).findFirst()
                .orElseThrow();
        assertThat(tool.annotations().readOnlyHint()).isTrue();
        assertThat(tool.annotations().destructiveHint()).isFalse();
        assertThat(tool.inputSchema().get("properties")).asString().contains("checks", "failOn");
    }

    @Test
    void returnsTheReportAsStructuredContentAndAsText() throws Exception {
        CallToolResult result = MCP.tools().call("run_doctor");
        assertThat(result.isError()).as(ToolClient.text(result)).isFalse();
        JsonNode text = Json.mapper().readTree(ToolClient.text(result));
        JsonNode structured = Json.mapper().valueToTree(result.structuredContent());
        assertThat(structured).isEqualTo(text);
        assertThat(text.get("backend").asText()).isEqualTo("sqlite");
        assertThat(text.propertyStream().map(java.util.Map.Entry::getKey).toList())
                .containsExactly("backend", "target", "startedAt", "durationMs", "summary", "checks");
        assertThat(text.get("checks").valueStream().map(c -> c.get("id").asText()).toList())
                .containsExactlyElementsOf(Doctor.checkIds(MCP.mcp().settings));
        assertThat(text.at("/summary/P3").asInt()).as("no backup yet: backup-age is P3").isEqualTo(1);
        assertThat(result.meta()).containsEntry("verdict", "pass").containsEntry("failOn", "P1");

        CallToolResult strict = MCP.tools().call("run_doctor", "checks", List.of("connection", "backup-age"), "failOn", "p3");
        assertThat(strict.isError()).isFalse();
        assertThat(Json.mapper().readTree(ToolClient.text(strict)).get("checks").valueStream()
                .map(c -> c.get("id").asText() + " " + c.get("status").asText()))
                .containsExactly("connection ok", "backup-age finding");
        assertThat(strict.meta()).containsEntry("verdict", "fail").containsEntry("failOn", "P3");
    }

    @Test
    void judgesThePoolOfTheStoreItServes() throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        String database = postgres.createDatabase();
        JettyMcp served = new JettyMcp(Settings.builder().set(Setting.BACKEND, "postgres")
                .set(Setting.DATABASE_URL, postgres.url(database)).set(Setting.POOL_MIN_SIZE, "1")
                .set(Setting.POOL_MAX_SIZE, "2").build());
        try (HeldPool held = HeldPool.hold(served.store, postgres.connect(database), 3)) {
            CallToolResult result = served.tools().call("run_doctor", "checks", List.of("pool-usage"));
            // the server's history follower may wait too: its fallback poll goes through the pool every second
            assertThat(held.filled().waiting()).isBetween(1, 2);

            assertThat(result.isError()).as(ToolClient.text(result)).isFalse();
            JsonNode pool = Json.mapper().readTree(ToolClient.text(result)).at("/checks/1");
            assertThat(pool.get("severity").asText()).isEqualTo("P1");
            assertThat(pool.get("message").asText()).matches("2 of 2 connections of the pool in use \\(100\\.0 %\\), "
                    + "[12] callers? waiting for one: each waits up to 30\\.0 s \\(DATABASE_POOL_TIMEOUT\\), then fails");
            assertThat(result.meta()).containsEntry("verdict", "fail");
        } finally {
            served.stop();
        }
    }

    @Test
    void badArgumentsAreToolErrorsWithTheUsageMessage() {
        assertThat(MCP.tools().error("run_doctor", "failOn", "P9")).isEqualTo("failOn \"P9\": use P0, P1, P2 or P3" + USAGE_FIX);
        assertThat(MCP.tools().error("run_doctor", "failOn", "P1\u001b[2J" + "x".repeat(500)))
                .startsWith("failOn \"P1\\u001b[2J").endsWith(": use P0, P1, P2 or P3" + USAGE_FIX)
                .doesNotContain("\u001b").hasSizeLessThan(300);
        assertThat(MCP.tools().error("run_doctor", "checks", List.of("nope")))
                .isEqualTo("unknown check 'nope' for the sqlite backend; its checks are: "
                        + String.join(", ", Doctor.checkIds(MCP.mcp().settings)) + USAGE_FIX);
        assertThat(MCP.tools().error("run_doctor", "checks", List.of("conn\u0007ection")))
                .isEqualTo("checks \"conn\\u0007ection\": not a check id (lowercase letters, digits and '-', at most "
                        + "64; the report lists the ids)" + USAGE_FIX);
        assertThat(MCP.tools().error("run_doctor", "checks", Collections.nCopies(65, "connection")))
                .isEqualTo("checks: 65 checks named, at most 64 may be" + USAGE_FIX);
        assertThat(MCP.tools().error("run_doctor", "checks", "connection"))
                .startsWith("invalid arguments of run_doctor: wrong type for 'checks'");
        assertThat(MCP.tools().error("run_doctor", "fix", true))
                .isEqualTo("invalid arguments of run_doctor: unknown field 'fix' (known fields: checks, failOn)"
                        + "\nfix: correct the named fields and retry");
    }
}
