package dev.statekeeper.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.core.internal.json.JsonInputException;
import dev.statekeeper.core.internal.json.JsonProblem;
import dev.statekeeper.core.internal.json.StrictJson;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;

import java.util.Map;

/**
 * Reads one JSON-RPC 2.0 message, from a line of stdin or an HTTP body, before the SDK sees it, and refuses what the
 * SDK would crash on, drop or echo as a stack trace: bytes that are not UTF-8 or not JSON (Parse error, -32700), a
 * batch, a value that is not an object, an id that is not a string or a whole number, a wrong {@code jsonrpc}, a
 * {@code method} that is not a string, {@code params} that are not an object (Invalid Request, -32600), and
 * {@code tools/call} parameters without a tool name or with arguments that are not an object (Invalid params,
 * -32602). A refusal carries the request's id when it has a valid one, else null, as JSON-RPC requires.
 */
final class JsonRpcFrame {
    /** The parameters of the requests the server answers, as the SDK reads them. */
    private static final Map<String, Class<?>> PARAMS = Map.of(
            McpSchema.METHOD_INITIALIZE, McpSchema.InitializeRequest.class,
            McpSchema.METHOD_TOOLS_LIST, McpSchema.PaginatedRequest.class,
            McpSchema.METHOD_TOOLS_CALL, McpSchema.CallToolRequest.class);

    private JsonRpcFrame() {
    }

    /** What reading gave: a message for the SDK, or a refusal to answer with. */
    sealed interface Read permits Message, Refusal {
    }

    record Message(McpSchema.JSONRPCMessage message) implements Read {
    }

    /** A JSON-RPC error response to send instead of passing the message on; {@code id} null when it had none. */
    record Refusal(JsonNode id, int code, String message) implements Read {
        /** The code as the JSON API would name it: parse-error, invalid-request, invalid-params. */
        String wire() {
            return switch (code) {
                case ErrorCodes.PARSE_ERROR -> "parse-error";
                case ErrorCodes.INVALID_PARAMS -> "invalid-params";
                default -> "invalid-request";
            };
        }

        byte[] bytes() {
            return McpHttpErrors.body(id, code, wire(), message, Map.of()).toString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static Read read(byte[] bytes) {
        JsonNode node;
        try {
            node = StrictJson.parse(StrictJson.utf8(bytes));
        } catch (JsonInputException e) {
            return new Refusal(null, ErrorCodes.PARSE_ERROR, "Parse error: " + e.getMessage());
        }
        if (node == null) {
            return new Refusal(null, ErrorCodes.PARSE_ERROR, "Parse error: the message is empty");
        }
        return read(node);
    }

    /** A parsed message: its shape, then its values ({@link StrictJson#checkValues}). */
    static Read read(JsonNode node) {
        Read shape = shape(node);
        if (shape instanceof Message) {
            try {
                StrictJson.checkValues(node);
            } catch (JsonInputException e) {
                String field = e.violation().field();
                JsonNode id = field.equals("id") ? null : node.get("id"); // an id that cannot be sent back is none
                boolean inParams = field.startsWith("params");
                return new Refusal(id, inParams ? ErrorCodes.INVALID_PARAMS : ErrorCodes.INVALID_REQUEST,
                        (inParams ? "Invalid params: " : "Invalid Request: ") + e.getMessage());
            }
        }
        return shape;
    }

    private static Read shape(JsonNode node) {
        if (node.isArray()) {
            return invalid(null, "batches (JSON arrays) are not supported: send one message at a time");
        }
        if (!node.isObject()) {
            return invalid(null, "a JSON-RPC message is a JSON object, got " + JsonProblem.describe(node));
        }
        JsonNode id = node.get("id");
        if (id != null && !(id.isTextual() || id.isIntegralNumber() && id.canConvertToLong())) {
            return invalid(null, "'id' must be a string or a whole number, got " + JsonProblem.describe(id));
        }
        if (!McpSchema.JSONRPC_VERSION.equals(node.path("jsonrpc").textValue())) {
            return invalid(id, "'jsonrpc' must be \"2.0\", got " + JsonProblem.describe(node.get("jsonrpc")));
        }
        if (node.has("method")) {
            return call(node, id);
        }
        if (id != null && (node.has("result") || node.has("error"))) {
            return new Message(StatekeeperMcp.JSON.convertValue(node, McpSchema.JSONRPCResponse.class));
        }
        return invalid(id, "a message needs a 'method' (a request or notification) or an 'id' with a 'result' or "
                + "'error' (a response)");
    }

    private static Read call(JsonNode node, JsonNode id) {
        JsonNode method = node.get("method");
        if (!method.isTextual() || method.textValue().isEmpty()) {
            return invalid(id, "'method' must be a non-empty string, got " + JsonProblem.describe(method));
        }
        JsonNode params = node.get("params");
        if (params != null && !params.isObject()) {
            return invalid(id, "'params' must be an object, got " + JsonProblem.describe(params));
        }
        if (id != null) {
            String problem = paramsProblem(method.textValue(), params);
            if (problem != null) {
                return new Refusal(id, ErrorCodes.INVALID_PARAMS, "Invalid params of " + method.textValue() + ": "
                        + problem);
            }
        }
        Class<? extends McpSchema.JSONRPCMessage> type = id == null ? McpSchema.JSONRPCNotification.class
                : McpSchema.JSONRPCRequest.class;
        return new Message(StatekeeperMcp.JSON.convertValue(node, type));
    }

    /**
     * What is wrong with the parameters of a request the server answers, read with Statekeeper's strict JSON rules
     * into the SDK's type for them (so a wrong type is named here, not met as an exception inside the SDK).
     */
    private static String paramsProblem(String method, JsonNode params) {
        Class<?> type = PARAMS.get(method);
        if (type == null) {
            return null;
        }
        ObjectNode given = params == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) params;
        if (type == McpSchema.CallToolRequest.class && !given.path("name").isTextual()) {
            return "'name', the tool's name, must be a string, got " + JsonProblem.describe(given.get("name"));
        }
        try {
            Json.mapper().treeToValue(given, type);
            return null;
        } catch (JsonProcessingException e) {
            return JsonProblem.of(e, given, "params").message();
        } catch (IllegalArgumentException e) {
            return "the parameters do not have the expected shape";
        }
    }

    private static Refusal invalid(JsonNode id, String problem) {
        return new Refusal(id, ErrorCodes.INVALID_REQUEST, "Invalid Request: " + problem);
    }
}
