package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.perf.PerfQuery;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code get_performance} through the MCP Java SDK client over streamable HTTP, on a real SQLite store whose every
 * operation counts as slow (STATEKEEPER_SLOW_OPERATION_MS=1).
 */
class PerfToolTest {
    private static final String USAGE_FIX = "\nfix: see 'statekeeper help' or add --help to the command";

    @RegisterExtension
    static final JettyMcp.PerClass MCP = JettyMcp.perClass(Map.of(Setting.SLOW_OPERATION_MS, "1",
            Setting.SQLITE_BUSY_TIMEOUT, "0.1"));

    @Test
    void isListedReadOnlyAndNotDestructive() {
        Tool tool = MCP.mcp().client.listTools().tools().stream().filter(t -> t.name().equals("get_performance"))
                .findFirst().orElseThrow();
        assertThat(tool.annotations().readOnlyHint()).isTrue();
        assertThat(tool.annotations().destructiveHint()).isFalse();
        assertThat(tool.inputSchema().get("properties")).asString().contains("since", "operation", "limit");
    }

    @Test
    void returnsThePerfJsonAndASlowCallCarriesItsJsonRpcRequest() throws Exception {
        String id = MCP.tools().ok("initialize_refinement_loop", "project", "perf", "type", "plan").get("id").asText();
        MCP.tools().ok("get_loop_status", "loopId", id);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + MCP.dir().resolve("state.db"));
             Statement sql = other.createStatement()) {
            // another process holds the write lock: the write waits STATEKEEPER_SQLITE_BUSY_TIMEOUT, then fails
            sql.execute("BEGIN IMMEDIATE");
            var busy = MCP.tools().call("initialize_refinement_loop", "project", "perf", "type", "plan");
            assertThat(busy.isError()).isTrue();
            assertThat(busy.meta()).containsEntry("code", "database-busy");
            sql.execute("ROLLBACK");
        }

        JsonNode report = MCP.tools().ok("get_performance", "since", "15m", "operation", "createLoop", "limit", 50);
        List<String> keys = report.propertyStream().map(Map.Entry::getKey).toList();
        assertThat(keys).containsExactly("since", "until", "operation", "scope", "persistent", "problem",
                "slowThresholdMs", "operations", "slowest");
        assertThat(report.at("/operations/0/operation").asText()).isEqualTo("createLoop");
        assertThat(report.at("/operations/0/count").asLong()).isEqualTo(2);
        assertThat(report.at("/operations/0/errors").asLong()).isEqualTo(1);
        JsonNode slow = report.get("slowest").valueStream()
                .filter(s -> s.get("outcome").asText().equals("database-busy")).findFirst().orElseThrow();
        assertThat(slow.get("requestId").asText()).matches("mcp:[^:\\s]+:initialize_refinement_loop");

        JsonNode all = MCP.tools().ok("get_performance");
        assertThat(all.get("operation").isNull()).isTrue();
        assertThat(all.get("operations").valueStream().map(o -> o.get("operation").asText()).toList())
                .contains("createLoop", "getLoop");
    }

    @Test
    void hostileArgumentsAreToolErrorsWithTheUsageMessage() {
        String sinceRule = ": use a duration back from now (90s, 15m, 1h, 7d) or an ISO-8601 instant "
                + "(2026-12-02T15:00:00Z)";
        assertThat(MCP.tools().error("get_performance", "since", "yesterday")).isEqualTo("since \"yesterday\"" + sinceRule
                + USAGE_FIX);
        assertThat(MCP.tools().error("get_performance", "since", "-5m")).isEqualTo("since \"-5m\"" + sinceRule + USAGE_FIX);
        assertThat(MCP.tools().error("get_performance", "since", "1h\u001b[2J")).isEqualTo("since \"1h\\u001b[2J\""
                + sinceRule + USAGE_FIX);
        assertThat(MCP.tools().error("get_performance", "since", "1000d")).isEqualTo("since \"1000d\": at most 365d back "
                + "(the log keeps no more)" + USAGE_FIX);
        assertThat(MCP.tools().error("get_performance", "operation", "rm -rf")).isEqualTo("operation \"rm -rf\": not a "
                + "store operation; use one of " + String.join(", ", PerfQuery.operations()) + USAGE_FIX);
        assertThat(MCP.tools().error("get_performance", "operation", "y".repeat(20_000)))
                .startsWith("operation \"yyy").contains("... (20000 characters)").hasSizeLessThan(2_000);
        assertThat(MCP.tools().error("get_performance", "limit", 0)).isEqualTo("limit 0: use a whole number from 1 to 1000"
                + USAGE_FIX);
        assertThat(MCP.tools().error("get_performance", "limit", 1_000_000_000_000L))
                .isEqualTo("limit 1000000000000: use a whole number from 1 to 1000" + USAGE_FIX);
        assertThat(MCP.tools().error("get_performance", "limit", "ten"))
                .startsWith("invalid arguments of get_performance: wrong type for 'limit'");
        assertThat(MCP.tools().error("get_performance", "limit", 2.5))
                .startsWith("invalid arguments of get_performance: wrong type for 'limit'");
        assertThat(MCP.tools().error("get_performance", "since", 3600))
                .startsWith("invalid arguments of get_performance: wrong type for 'since'");
        assertThat(MCP.tools().error("get_performance", "sql", true))
                .isEqualTo("invalid arguments of get_performance: unknown field 'sql' (known fields: limit, operation, "
                        + "since)\nfix: correct the named fields and retry");
    }
}
