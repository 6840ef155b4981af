package dev.statekeeper.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.Json;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
            String json = Json.write(result);
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

    /** {@code MESSAGE} and, on the next line, {@code fix: FIX}: what the CLI prints on stderr. */
    static String text(StatekeeperException e) {
        return e.getMessage() + "\nfix: " + e.code().fix();
    }
}
