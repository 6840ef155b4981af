package dev.statekeeper.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.internal.json.Json;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls tools through a real MCP client and checks that each call succeeded or failed as a test expects. */
record ToolClient(McpSyncClient client) {

    /** Calls the tool with arguments given as name, value, name, value...; asserts success; the result's JSON. */
    JsonNode ok(String tool, Object... arguments) {
        CallToolResult result = call(tool, arguments);
        assertThat(result.isError()).as("%s failed: %s", tool, text(result)).isFalse();
        try {
            JsonNode json = Json.mapper().readTree(text(result));
            assertThat(Json.mapper().valueToTree(result.structuredContent()).equals(json))
                    .as("%s: the structured content is the text's JSON: %s", tool, result.structuredContent()).isTrue();
            return json;
        } catch (JsonProcessingException e) {
            throw new AssertionError(tool + " did not return JSON: " + text(result), e);
        }
    }

    /** Calls the tool; asserts it failed as a tool error; the error's text. */
    String error(String tool, Object... arguments) {
        CallToolResult result = call(tool, arguments);
        assertThat(result.isError()).as("%s succeeded: %s", tool, text(result)).isTrue();
        return text(result);
    }

    CallToolResult call(String tool, Object... arguments) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < arguments.length; i += 2) {
            args.put((String) arguments[i], arguments[i + 1]);
        }
        return client.callTool(CallToolRequest.builder(tool).arguments(args).build());
    }

    static String text(CallToolResult result) {
        assertThat(result.content()).hasSize(1).first().isInstanceOf(TextContent.class);
        return ((TextContent) result.content().getFirst()).text();
    }
}
