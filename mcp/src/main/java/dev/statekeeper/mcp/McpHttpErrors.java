package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.internal.json.Json;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one shape of every error {@code /mcp} answers over HTTP, whoever refuses (the token guard, the transport, a
 * malformed message): a small JSON-RPC error response with the HTTP status that fits, its id when the request had a
 * valid one, and in {@code error.data} the same {@code code} (and {@code details}) the JSON API would give.
 *
 * <pre>{@code
 * HTTP/1.1 404
 * {"jsonrpc":"2.0","id":null,"error":{"code":-32001,"message":"MCP session '...' not found: ...",
 *  "data":{"code":"session-not-found"}}}
 * }</pre>
 */
public final class McpHttpErrors {
    /** JSON-RPC's range for errors a server defines: a refusal that is not about the message itself. */
    public static final int SERVER_ERROR = -32000;
    /** The session named by Mcp-Session-Id is unknown (ended, expired, or never made). */
    static final int SESSION_NOT_FOUND = -32001;

    private McpHttpErrors() {
    }

    /** Writes the error; {@code details} may be empty. The response must not be committed yet. */
    public static void write(HttpServletResponse res, int status, int rpcCode, String code, String message,
                             Map<String, Object> details) throws IOException {
        write(res, status, null, rpcCode, code, message, details);
    }

    static void write(HttpServletResponse res, int status, JsonNode id, int rpcCode, String code, String message,
                      Map<String, Object> details) throws IOException {
        byte[] bytes = body(id, rpcCode, code, message, details).toString().getBytes(StandardCharsets.UTF_8);
        res.setStatus(status);
        res.setContentType("application/json");
        res.setContentLength(bytes.length);
        res.getOutputStream().write(bytes);
    }

    /** The JSON-RPC error response: {@code id} null when the request had no valid one. */
    static ObjectNode body(JsonNode id, int rpcCode, String code, String message, Map<String, Object> details) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("code", code);
        if (!details.isEmpty()) {
            data.set("details", Json.mapper().valueToTree(details));
        }
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("code", rpcCode).put("message", message);
        error.set("data", data);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("jsonrpc", McpSchema.JSONRPC_VERSION);
        body.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        body.set("error", error);
        return body;
    }
}
