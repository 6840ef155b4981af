package dev.statekeeper.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.mcp.StatekeeperMcp;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MCP over streamable HTTP at /mcp on the real server, through the MCP Java SDK's client, on a SQLite store. */
class McpHttpTest {
    private static final String TOKEN = "mcp-token-for-tests";
    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

    @TempDir
    Path dir;

    /** An MCP client of the server on this port; the request builder carries the headers every request sends. */
    static McpSyncClient client(int port, HttpRequest.Builder requests) {
        return McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                        .endpoint(StatekeeperMcp.ENDPOINT).requestBuilder(requests).build())
                .requestTimeout(Duration.ofSeconds(30)).build();
    }

    static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(CallToolRequest.builder(tool).arguments(arguments).build());
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static String text(CallToolResult result) {
        assertThat(result.content()).hasSize(1).first().isInstanceOf(TextContent.class);
        return ((TextContent) result.content().getFirst()).text();
    }

    @Test
    void theToolsAnswerAtMcpBesideTheApi() {
        try (StateStore store = Stores.sqlite(dir)) {
            StatekeeperServer server = StatekeeperServer.create(store, Stores.server());
            int port = server.start();
            try (McpSyncClient client = client(port, HttpRequest.newBuilder())) {
                assertThat(client.initialize().serverInfo().name()).isEqualTo("statekeeper");
                assertThat(client.listTools().tools()).extracting(Tool::name)
                        .containsExactlyElementsOf(StatekeeperMcp.toolNames());

                CallToolResult created = call(client, "initialize_refinement_loop", Map.of("project", "mcp-http",
                        "type", "spec"));
                assertThat(created.isError()).as(text(created)).isFalse();
                String id = json(text(created)).get("id").asText();
                assertThat(store.getLoop(id).project()).isEqualTo("mcp-http");
                Http.Response viaApi = new Http(port).get("/api/v1/loops/" + id);
                assertThat(viaApi.json().get("project").asText()).as("the API sees the same store").isEqualTo("mcp-http");

                CallToolResult missing = call(client, "get_loop_status", Map.of("loopId", "nope1234"));
                assertThat(missing.isError()).isTrue();
                assertThat(text(missing)).isEqualTo("loop 'nope1234' not found\nfix: call list_loops (with project=P to "
                        + "narrow it) to find the loop's id");
                assertThat(missing.meta()).containsEntry("code", "loop-not-found");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void withATokenMcpRequiresIt() {
        try (StateStore store = Stores.sqlite(dir)) {
            StatekeeperServer server = StatekeeperServer.create(store, Stores.server(Setting.API_TOKEN, TOKEN));
            int port = server.start();
            try {
                Http.Response refused = new Http(port).post("/mcp", INITIALIZE, "Accept",
                        "application/json, text/event-stream");
                assertThat(refused.status()).isEqualTo(401);
                assertThat(refused.json().at("/error/data/code").asText()).as("MCP's error shape with the API's code")
                        .isEqualTo("unauthorized");
                assertThat(refused.json().at("/error/code").asInt()).isEqualTo(-32000);
                assertThat(refused.json().get("id").isNull()).isTrue();
                assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"statekeeper\"");
                try (McpSyncClient anonymous = client(port, HttpRequest.newBuilder())) {
                    assertThatThrownBy(anonymous::initialize).as("the SDK client without the token")
                            .rootCause().isInstanceOf(McpHttpClientTransportAuthorizationException.class)
                            .hasMessage("Authorization error when sending message");
                }

                try (McpSyncClient client = client(port, HttpRequest.newBuilder()
                        .header("Authorization", "Bearer " + TOKEN))) {
                    client.initialize();
                    CallToolResult loops = call(client, "list_active_loops", Map.of());
                    assertThat(loops.isError()).as(text(loops)).isFalse();
                    assertThat(json(text(loops)).get("items").isArray()).as(text(loops)).isTrue();
                }
                assertThat(new Http(port).with("Authorization", "Bearer " + TOKEN).get("/metrics").text())
                        .as("MCP requests are metered under their route")
                        .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/mcp\",status=\"200\"}")
                        .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/mcp\",status=\"401\"}");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void stoppingEndsTheStreamOfAConnectedClientInsteadOfWaitingForIt() throws Exception {
        try (StateStore store = Stores.sqlite(dir)) {
            StatekeeperServer server = StatekeeperServer.create(store, Stores.server(Setting.SHUTDOWN_TIMEOUT, "300"));
            int port = server.start();
            try (McpSyncClient client = client(port, HttpRequest.newBuilder())) {
                client.initialize();
                assertThat(awaitOpenStreams(server)).as("the client's stream for server messages").isEqualTo(1);

                CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
                stopping.get(60, TimeUnit.SECONDS); // far below the 300 s the open stream would otherwise hold it
                assertThat(server.openEventStreams()).isZero();
            }
        }
    }

    private static int awaitOpenStreams(StatekeeperServer server) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.openEventStreams() == 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return server.openEventStreams();
    }

    @Test
    void withoutMcpTheServerHasNoMcpRoute() {
        try (StateStore store = Stores.sqlite(dir)) {
            StatekeeperServer server = StatekeeperServer.builder(store, Stores.server()).mcp(false).build();
            try {
                Http.Response none = new Http(server.start()).post("/mcp", INITIALIZE);
                assertThat(none.status()).isEqualTo(404);
                assertThat(none.code()).isEqualTo("route-not-found");
            } finally {
                server.stop();
            }
        }
    }
}
