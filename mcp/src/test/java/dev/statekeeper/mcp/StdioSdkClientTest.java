package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema.ResourceContents;
import io.modelcontextprotocol.spec.McpSchema.SubscribeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code statekeeper mcp} driven by the MCP Java SDK's stdio client, as a Java host would start it. The reader thread
 * runs each call and writes its answer while the resource follower writes updates on its own thread: every answer
 * arrives whole and matched to its request, and the updates arrive between them.
 */
class StdioSdkClientTest {
    private static final int CALLS = 40;

    @Test
    void answersEveryCallInTurnWhileResourceUpdatesAreWrittenBetweenThem(@TempDir Path dir) throws Exception {
        List<String> command = ServerProcess.command(dir.resolve("data"));
        BlockingQueue<String> updates = new LinkedBlockingQueue<>();
        McpSyncClient client = McpClient.sync(new StdioClientTransport(ServerParameters.builder(command.getFirst())
                        .args(command.subList(1, command.size())).build(), StatekeeperMcp.JSON))
                .requestTimeout(Duration.ofMinutes(1)).initializationTimeout(Duration.ofMinutes(1))
                .resourcesUpdateConsumer(contents -> contents.stream().map(ResourceContents::uri).forEach(updates::add))
                .build();
        try {
            assertThat(client.initialize().serverInfo().name()).isEqualTo("statekeeper");
            ToolClient tools = new ToolClient(client);
            String loop = tools.ok("initialize_refinement_loop", "project", "stdio", "type", "spec").get("id").asText();
            String uri = "statekeeper://loops/" + loop;
            client.subscribeResource(SubscribeRequest.builder(uri).build());

            for (int i = 1; i <= CALLS; i++) {
                JsonNode stored = tools.ok("store_critic_feedback", "loopId", loop, "criticAgent", "critic",
                        "overallScore", i, "assessmentSummary", "round " + i + " with a line break\nand \"quotes\"",
                        "iteration", 1);
                assertThat(stored.get("feedbackCount").asInt()).isEqualTo(i);
                JsonNode status = tools.ok("get_loop_status", "loopId", loop, "feedbackLimit", 1);
                assertThat(status.at("/loop/currentScore").asInt()).isEqualTo(i);
                assertThat(status.at("/feedback/items/0/assessmentSummary").asText())
                        .isEqualTo("round " + i + " with a line break\nand \"quotes\"");
            }
            assertThat(tools.error("get_loop_status", "loopId", "nope1234")).isEqualTo("loop 'nope1234' not found\n"
                    + "fix: call list_loops (with project=P to narrow it) to find the loop's id");

            assertThat(updates.poll(1, TimeUnit.MINUTES)).as("a resource update for the loop").isEqualTo(uri);
        } finally {
            client.closeGracefully();
        }
    }
}
