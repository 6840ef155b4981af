package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How much of an agent's context the MCP answers take, in bytes of the JSON-RPC result as the Java SDK client
 * received it: tools/list, and get_loop_status of a loop with 865 feedback entries (the loop issue 15 measured).
 * The figures go to target/mcp-sizes.txt.
 */
class McpSizesTest {
    static final int ENTRIES = 865;
    @RegisterExtension
    static final JettyMcp.PerClass MCP = JettyMcp.perClass();

    static int bytes(Object result) throws Exception {
        return new ObjectMapper().writeValueAsString(result).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void toolsListAndTheStatusOfALongLoopFitAContextWindow() throws Exception {
        String id = MCP.mcp().store.createLoop(NewLoop.of("sizes", LoopType.BUILD_CODE)).id();
        for (int i = 1; i <= ENTRIES; i++) {
            MCP.mcp().store.addFeedback(id, CriticFeedback.builder().criticAgent("code-critic").overallScore(40 + i % 50)
                    .assessmentSummary("Round " + i + ": the error model is incomplete and two tests are flaky")
                    .keyIssues(List.of("flaky test " + i)).recommendations(List.of("wait on the event, not a timer"))
                    .build());
        }
        var listed = MCP.mcp().client.listTools();
        int toolsList = bytes(listed);
        StringBuilder perTool = new StringBuilder();
        for (var tool : listed.tools()) {
            perTool.append(tool.name()).append(" input ").append(bytes(tool.inputSchema())).append(" output ")
                    .append(bytes(tool.outputSchema())).append(" description ").append(tool.description().length())
                    .append('\n');
        }
        int status = bytes(MCP.mcp().client.callTool(CallToolRequest.builder("get_loop_status")
                .arguments(Map.of("loopId", id)).build()));
        Files.writeString(Path.of("target", "mcp-sizes.txt"), "tools/list " + toolsList + " bytes\nget_loop_status ("
                + ENTRIES + " feedback entries) " + status + " bytes\n" + perTool);
        assertThat(status).as("get_loop_status of %d entries", ENTRIES).isLessThan(16_000);
        assertThat(toolsList).as("tools/list").isLessThan(60_000);
    }
}
