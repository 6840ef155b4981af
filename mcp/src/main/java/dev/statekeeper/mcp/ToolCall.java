package dev.statekeeper.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.Json;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one tool call against the store. A result is the record as structured content and as JSON text, the same
 * JSON the CLI prints with {@code --json}; a failure is a tool error (isError) whose text is the message the CLI and the HTTP
 * API give, then the error code's fix, with the code in {@code _meta}.
 */
final class ToolCall {
    private static final Logger LOG = LoggerFactory.getLogger(ToolCall.class);

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private ToolCall() {
    }

    static <A extends Record> CallToolResult run(ToolDef<A> tool, StateStore store, Map<String, Object> arguments) {
        try {
            A args = ToolArguments.read(tool, arguments);
            Object result = tool.call().apply(store, args);
            String json = tool.documents() ? omitEmpty(result) : Json.write(result);
            return CallToolResult.builder().addTextContent(json).structuredContent(structured(json))
                    .isError(false).build();
        } catch (StatekeeperException e) {
            return failure(e);
        } catch (RuntimeException e) {
            LOG.error("tool {} failed with an internal error", tool.name(), e);
            return failure(new StatekeeperException(ErrorCode.INTERNAL,
                    "internal error: " + e + "; please report it", e));
        }
    }

    /**
     * The JSON of a result holding documents without their empty fields (null, "", [], {}), at any depth; of a
     * listing, its items' (a listing keeps its items, total and nextCursor).
     */
    static String omitEmpty(Object result) {
        JsonNode tree = Json.mapper().valueToTree(result);
        strip(result instanceof Listing<?> ? tree.get("items") : tree);
        return Json.write(tree);
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> empty = new ArrayList<>();
            object.properties().forEach(field -> {
                strip(field.getValue());
                if (isEmpty(field.getValue())) {
                    empty.add(field.getKey());
                }
            });
            object.remove(empty);
        } else if (node instanceof ArrayNode array) {
            array.forEach(ToolCall::strip);
        }
    }

    private static boolean isEmpty(JsonNode node) {
        return node.isNull() || (node.isTextual() && node.textValue().isEmpty())
                || (node.isContainerNode() && node.isEmpty());
    }

    /** The result's JSON as the structured content: the same JSON the text carries, as an object. */
    static Map<String, Object> structured(String json) {
        try {
            return Json.mapper().readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tool's result is not a JSON object: " + json, e);
        }
    }

    static CallToolResult failure(StatekeeperException e) {
        return CallToolResult.builder()
                .addTextContent(text(e))
                .isError(true)
                .meta(Map.of("code", e.code().wire()))
                .build();
    }

    /**
     * {@code MESSAGE} and, on the next line, {@code fix: FIX}: what the CLI prints on stderr, with the fix naming MCP
     * tools where the CLI's names commands ({@link McpFixes}).
     */
    static String text(StatekeeperException e) {
        return e.getMessage() + "\nfix: " + McpFixes.fix(e.code());
    }
}
