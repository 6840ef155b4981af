package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.internal.json.JsonProblem;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request {@link HttpTransport} refuses, with everything its answer needs: the HTTP status, the JSON-RPC code,
 * the API's error code, the message, the request's id when known and a header or two. The checks that refuse live
 * here too, each with its wording.
 */
final class Refused extends RuntimeException {
    private final int status;
    private final int rpcCode;
    private final String code;
    private final transient JsonNode id;
    private final transient Map<String, String> headers;
    private final transient Map<String, Object> details;

    private Refused(int status, int rpcCode, String code, String message, JsonNode id, Map<String, String> headers,
                    Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.rpcCode = rpcCode;
        this.code = code;
        this.id = id;
        this.headers = headers;
        this.details = details;
    }

    private static Refused of(int status, String code, String message) {
        return new Refused(status, McpHttpErrors.SERVER_ERROR, code, message, null, Map.of(), Map.of());
    }

    void write(HttpServletResponse res) throws IOException {
        headers.forEach(res::setHeader);
        McpHttpErrors.write(res, status, id, rpcCode, code, getMessage(), details);
    }

    /** What applies to every request: not while stopping, no browser origin, a protocol version this server speaks. */
    static void check(boolean closing, HttpServletRequest req, List<String> versions) {
        if (closing) {
            throw of(503, "server-stopping", "the server is stopping; retry once it is back");
        }
        String origin = req.getHeader("Origin");
        if (origin != null && !origin.isBlank()) {
            throw of(403, "origin-refused", "requests from web pages (Origin " + JsonProblem.quote(origin)
                    + ") are refused: MCP is for agents, and this keeps a page from driving a local server");
        }
        String version = req.getHeader(HttpHeaders.PROTOCOL_VERSION);
        if (version != null && !versions.contains(version)) {
            throw new Refused(400, ErrorCodes.INVALID_REQUEST, "unsupported-protocol-version", "MCP-Protocol-Version "
                    + JsonProblem.quote(version) + " is not supported; this server speaks " + String.join(", ", versions),
                    null, Map.of(), Map.of("supported", versions));
        }
    }

    /**
     * A message {@link JsonRpcFrame} refuses: 400 when it has no request id to answer (not JSON, not JSON-RPC), and
     * 200 with the JSON-RPC error when it is a request with an id. The SDK clients take a 400 on a request that
     * carries a session id for a lost session and drop it, so one bad argument would end an agent's whole session.
     */
    static Refused of(JsonRpcFrame.Refusal refusal) {
        JsonNode id = refusal.id();
        int status = id != null && !id.isNull() ? 200 : 400;
        return new Refused(status, refusal.code(), refusal.wire(), refusal.message(), id, Map.of(), Map.of());
    }

    static Refused methodNotAllowed(String method) {
        return new Refused(405, McpHttpErrors.SERVER_ERROR, "method-not-allowed", JsonProblem.quote(method)
                + " is not allowed on the MCP endpoint (allowed: GET, POST, DELETE)", null,
                Map.of("Allow", "GET, POST, DELETE"), Map.of("allowed", "GET, POST, DELETE"));
    }

    static void requireJson(HttpServletRequest req) {
        String type = req.getContentType();
        String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/json")) {
            throw of(415, "unsupported-media-type", "an MCP message must be sent with 'Content-Type: application/json', "
                    + "not " + (type == null ? "no Content-Type" : JsonProblem.quote(type)));
        }
        String encoding = req.getHeader("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            throw of(415, "unsupported-media-type", "the body must not be encoded (Content-Encoding "
                    + JsonProblem.quote(encoding) + "): send it as plain JSON");
        }
    }

    /** The Accept header must take each media type (or a wildcard covering it). */
    static void requireAccept(HttpServletRequest req, String... types) {
        String accept = req.getHeader("Accept");
        for (String type : types) {
            if (accept == null || !accepts(accept, type)) {
                throw of(406, "not-acceptable", "the Accept header must list " + String.join(" and ", types)
                        + ", got " + (accept == null ? "none" : JsonProblem.quote(accept)));
            }
        }
    }

    private static boolean accepts(String accept, String type) {
        String family = type.substring(0, type.indexOf('/')) + "/*";
        for (String range : accept.split(",")) {
            String mime = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (mime.equals(type) || mime.equals(family) || mime.equals("*/*")) {
                return true;
            }
        }
        return false;
    }

    /** The body, at most {@code max} bytes (413 otherwise, before reading when Content-Length says so). */
    static byte[] body(HttpServletRequest req, int max) throws IOException {
        long length = req.getContentLengthLong();
        if (length > max) {
            throw tooLarge(length, max);
        }
        try (InputStream in = req.getInputStream()) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                throw tooLarge(-1, max);
            }
            return body;
        }
    }

    private static Refused tooLarge(long length, int max) {
        return new Refused(413, McpHttpErrors.SERVER_ERROR, "payload-too-large", "the request body "
                + (length < 0 ? "" : "of " + length + " bytes ") + "is larger than the limit of " + max
                + " bytes (STATEKEEPER_MAX_BODY_BYTES)", null, Map.of(), Map.of("limit", max));
    }

    static String sessionId(HttpServletRequest req, JsonNode requestId) {
        String id = req.getHeader(HttpHeaders.MCP_SESSION_ID);
        if (id == null || id.isBlank()) {
            throw new Refused(400, ErrorCodes.INVALID_REQUEST, "missing-session-id", "the request has no "
                    + "Mcp-Session-Id header: send initialize first, then the session id it answers with on every "
                    + "request", requestId, Map.of(), Map.of());
        }
        return id;
    }

    static Refused noSession(String sessionId, JsonNode requestId) {
        return new Refused(404, McpHttpErrors.SESSION_NOT_FOUND, "session-not-found", "MCP session "
                + JsonProblem.quote(sessionId) + " not found: it was deleted, went unused for longer than "
                + "STATEKEEPER_MCP_SESSION_IDLE, was replaced under STATEKEEPER_MCP_MAX_SESSIONS, or the server "
                + "restarted; initialize a new session", requestId, Map.of(), Map.of());
    }

    static Refused busy(Object requestId) {
        JsonNode id = requestId == null ? null : StatekeeperMcp.JSON.convertValue(requestId, JsonNode.class);
        return new Refused(503, McpHttpErrors.SERVER_ERROR, "too-many-sessions", "every MCP session "
                + "(STATEKEEPER_MCP_MAX_SESSIONS) is running a request; retry in a moment", id,
                Map.of("Retry-After", "1"), Map.of());
    }
}
