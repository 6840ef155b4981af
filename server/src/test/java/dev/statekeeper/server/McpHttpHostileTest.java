package dev.statekeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.testkit.Archives;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Hostile requests to {@code /mcp} on the real server: each gets a small JSON-RPC error (no stack trace, no class
 * names) with the right status, the API's error code in {@code error.data.code} and the request's id when it had a
 * valid one; the server goes on serving and nothing stored changes.
 */
class McpHttpHostileTest {
    private static final String ACCEPT = "application/json, text/event-stream";
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"tools/call\",\"params\":{"
            + "\"name\":\"list_active_loops\",\"arguments\":{}}}";
    /** Stands for the session id of a live session in a case's headers. */
    private static final String SESSION = "<session>";

    @TempDir
    static Path dir;
    static StateStore store;
    static StatekeeperServer server;
    static Http http;

    @BeforeAll
    static void start() {
        store = Stores.sqlite(dir);
        store.createLoop(NewLoop.of("hostile", LoopType.SPEC));
        server = StatekeeperServer.create(store, Stores.server(dev.statekeeper.core.config.Setting.MAX_BODY_BYTES, "4096"));
        http = new Http(server.start());
    }

    @AfterAll
    static void stop() {
        server.stop();
        store.close();
    }

    /** Opens a session as a client does: initialize, then the initialized notification. */
    static String initialize() {
        Http.Response init = http.post("/mcp", McpHttpTest.INITIALIZE, "Accept", ACCEPT);
        assertThat(init.status()).as(init.text()).isEqualTo(200);
        String session = init.header("Mcp-Session-Id");
        Http.Response initialized = http.post("/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "Accept", ACCEPT, "Mcp-Session-Id", session);
        assertThat(initialized.status()).isEqualTo(202);
        return session;
    }

    /** A tool call on the session answers (the server still serves). */
    static void stillServes(String session) {
        Http.Response after = http.post("/mcp", LIST, "Accept", ACCEPT, "Mcp-Session-Id", session);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("Content-Type")).startsWith("text/event-stream");
        assertThat(after.text()).contains("\"id\":\"after\"").contains("\"isError\":false");
    }

    static Stream<Arguments> refused() {
        String deep = "[".repeat(100) + "]".repeat(100);
        return Stream.of(
                post("null", 400, -32600, "invalid-request", null,
                        "Invalid Request: a JSON-RPC message is a JSON object, got null"),
                post("", 400, -32700, "parse-error", null, "Parse error: the message is empty"),
                post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", 400, -32600, "invalid-request", null,
                        "Invalid Request: batches (JSON arrays) are not supported: send one message at a time"),
                post("{\"jsonrpc\":\"2.0\",\"id\":1,", 400, -32700, "parse-error", null, "Parse error: malformed JSON "
                        + "at line 1, column 25: Unexpected end-of-input within/between Object entries"),
                post("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", 400, -32600, "invalid-request", null,
                        "Invalid Request: 'id' must be a string or a whole number, got an object"),
                post("{\"jsonrpc\":\"2.0\",\"id\":false,\"method\":\"ping\"}", 400, -32600, "invalid-request", null,
                        "Invalid Request: 'id' must be a string or a whole number, got false"),
                // a request with an id is answered with its JSON-RPC error in a 200: a 400 would end the SDK client's session
                post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":\"x\"}", 200, -32600,
                        "invalid-request", "3", "Invalid Request: 'params' must be an object, got the string \"x\""),
                post("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"list_active_loops\","
                        + "\"arguments\":\"x\"}}", 200, -32602, "invalid-params", "4",
                        "Invalid params of tools/call: wrong type for 'arguments': expected an object, got the string \"x\""),
                post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"start_session\","
                        + "\"arguments\":{\"name\":\"Sur\\ud800x\"}}}", 200, -32602, "invalid-params", "5",
                        "Invalid params: bad value in 'params.arguments.name': \"Sur\\ud800x\" holds a lone surrogate "
                                + "(\\ud800) at character 3: text must be valid Unicode"),
                post("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\",\"params\":{\"x\":" + deep + "}}", 400, -32700,
                        "parse-error", null, "Parse error: malformed JSON: nested deeper than 64 levels"),
                raw("POST", concat("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"",
                        new byte[]{(byte) 0xC0, (byte) 0xAF}, "\"}}"), headers("Accept", ACCEPT, "Mcp-Session-Id", SESSION),
                        400, -32700, "parse-error", null, "Parse error: not valid UTF-8: byte 0xC0 at offset 64 does "
                                + "not start or continue a well-formed character"),
                raw("POST", bytes(LIST), headers("Accept", ACCEPT, "Mcp-Session-Id", "no-such-session"), 404, -32001,
                        "session-not-found", "\"after\"", "MCP session \"no-such-session\" not found: it was deleted, "
                                + "went unused for longer than STATEKEEPER_MCP_SESSION_IDLE, was replaced under "
                                + "STATEKEEPER_MCP_MAX_SESSIONS, or the server restarted; initialize a new session"),
                raw("POST", bytes(LIST), headers("Accept", ACCEPT), 400, -32600, "missing-session-id", "\"after\"",
                        "the request has no Mcp-Session-Id header: send initialize first, then the session id it "
                                + "answers with on every request"),
                raw("POST", bytes(LIST), headers("Accept", "application/json", "Mcp-Session-Id", SESSION), 406, -32000,
                        "not-acceptable", null, "the Accept header must list application/json and text/event-stream, "
                                + "got \"application/json\""),
                raw("POST", bytes(LIST), headers("Accept", ACCEPT, "Mcp-Session-Id", SESSION, "Content-Type",
                        "text/plain"), 415, -32000, "unsupported-media-type", null, "an MCP message must be sent with "
                                + "'Content-Type: application/json', not \"text/plain\""),
                raw("POST", bytes(LIST), headers("Accept", ACCEPT, "Mcp-Session-Id", SESSION, "Content-Encoding",
                        "gzip"), 415, -32000, "unsupported-media-type", null, "the body must not be encoded "
                                + "(Content-Encoding \"gzip\"): send it as plain JSON"),
                raw("POST", bytes(LIST), headers("Accept", ACCEPT, "Mcp-Session-Id", SESSION, "MCP-Protocol-Version",
                        "1999-01-01"), 400, -32600, "unsupported-protocol-version", null, "MCP-Protocol-Version "
                                + "\"1999-01-01\" is not supported; this server speaks 2025-03-26, 2025-06-18, 2025-11-25"),
                raw("GET", null, headers("Accept", "text/event-stream", "Mcp-Session-Id", SESSION,
                        "MCP-Protocol-Version", "latest"), 400, -32600, "unsupported-protocol-version", null,
                        "MCP-Protocol-Version \"latest\" is not supported; this server speaks 2025-03-26, "
                                + "2025-06-18, 2025-11-25"),
                raw("GET", null, headers("Accept", "application/json", "Mcp-Session-Id", SESSION), 406, -32000,
                        "not-acceptable", null, "the Accept header must list text/event-stream, got \"application/json\""),
                raw("GET", null, headers("Accept", "text/event-stream", "Mcp-Session-Id", "gone"), 404, -32001,
                        "session-not-found", null, "MCP session \"gone\" not found: it was deleted, went unused for "
                                + "longer than STATEKEEPER_MCP_SESSION_IDLE, was replaced under "
                                + "STATEKEEPER_MCP_MAX_SESSIONS, or the server restarted; initialize a new session"),
                raw("DELETE", null, headers("Mcp-Session-Id", "gone"), 404, -32001, "session-not-found", null,
                        "MCP session \"gone\" not found: it was deleted, went unused for longer than "
                                + "STATEKEEPER_MCP_SESSION_IDLE, was replaced under STATEKEEPER_MCP_MAX_SESSIONS, or the "
                                + "server restarted; initialize a new session"),
                raw("DELETE", null, headers(), 400, -32600, "missing-session-id", null, "the request has no "
                        + "Mcp-Session-Id header: send initialize first, then the session id it answers with on every request"),
                raw("PUT", bytes(LIST), headers("Mcp-Session-Id", SESSION), 405, -32000, "method-not-allowed", null,
                        "\"PUT\" is not allowed on the MCP endpoint (allowed: GET, POST, DELETE)"),
                raw("POST", bytes("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\",\"params\":{\"pad\":\""
                        + "x".repeat(5000) + "\"}}"), headers("Accept", ACCEPT, "Mcp-Session-Id", SESSION), 413, -32000,
                        "payload-too-large", null, "the request body of 5060 bytes is larger than the limit of 4096 "
                                + "bytes (STATEKEEPER_MAX_BODY_BYTES)"),
                raw("POST", bytes(LIST), headers("Accept", ACCEPT, "Mcp-Session-Id", SESSION, "Origin",
                        "http://evil.example"), 403, -32000, "forbidden", null, "requests from web pages (with an "
                                + "Origin header) are refused: without STATEKEEPER_API_TOKEN the API serves local programs only"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @MethodSource("refused")
    void isRefusedWithASmallJsonRpcError(String method, String shown, byte[] body, List<String> headers, int status,
                                         int rpcCode, String code, String id, String message) {
        String session = initialize();
        byte[] before = Archives.export(store);
        String[] sent = headers.stream().map(h -> h.equals(SESSION) ? session : h).toArray(String[]::new);

        Http.Response refused = http.sendBytes(method, "/mcp", body == null ? new byte[0] : body, sent);

        assertThat(refused.status()).as(refused.text()).isEqualTo(status);
        assertThat(refused.header("Content-Type")).startsWith("application/json");
        assertThat(refused.text()).as("small, and no internals").hasSizeLessThan(700).doesNotContain("stackTrace")
                .doesNotContain("java.").doesNotContain("Exception");
        JsonNode error = refused.json();
        assertThat(error.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(error.get("id").toString()).isEqualTo(id == null ? "null" : id);
        assertThat(error.at("/error/code").asInt()).isEqualTo(rpcCode);
        assertThat(error.at("/error/data/code").asText()).isEqualTo(code);
        assertThat(error.at("/error/message").asText()).isEqualTo(message);
        stillServes(session);
        assertThat(Archives.export(store)).as("nothing stored changed").isEqualTo(before);
    }

    private static Arguments post(String body, int status, int rpcCode, String code, String id, String message) {
        return raw("POST", bytes(body), headers("Accept", ACCEPT, "Mcp-Session-Id", SESSION), status, rpcCode, code, id,
                message);
    }

    private static Arguments raw(String method, byte[] body, List<String> headers, int status, int rpcCode, String code,
                                 String id, String message) {
        String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 50), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", "?");
        return arguments(method, shown + " " + headers, body, headers, status, rpcCode, code, id, message);
    }

    private static List<String> headers(String... pairs) {
        return new ArrayList<>(List.of(pairs));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
