package dev.statekeeper.mcp;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A request refused for what its arguments hold (a NUL, which no backend stores) is answered with its JSON-RPC error
 * and the session lives on: the MCP Java SDK client drops its session on an HTTP 400, so the refusal must not be one.
 */
class HostileArgumentSessionTest {
    @TempDir
    Path dir;

    @Test
    void aNulInAnArgumentIsAnErrorOfThatCallAndTheSessionGoesOn() throws Exception {
        JettyMcp mcp = new JettyMcp(dir);
        try {
            ToolClient tools = mcp.tools();

            assertThatThrownBy(() -> tools.call("get_loop_status", "loopId", "a\u0000b"))
                    .as("answered with its own JSON-RPC error").hasMessageContaining("NUL");
            CallToolResult next = tools.call("list_active_loops");

            assertThat(next.isError()).as(ToolClient.text(next)).isFalse();
        } finally {
            mcp.stop();
        }
    }
}
