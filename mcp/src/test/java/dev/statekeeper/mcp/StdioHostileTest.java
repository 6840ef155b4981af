package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.testkit.Archives;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Hostile lines on {@code statekeeper mcp}'s stdin: each is answered with the JSON-RPC error it deserves (exact code,
 * message and id), the server goes on to answer the next request, and nothing stored changes.
 */
class StdioHostileTest {
    private static final int MAX_LINE = 4096;
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";
    private static final String AFTER = "{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"tools/call\",\"params\":{"
            + "\"name\":\"list_active_loops\",\"arguments\":{}}}\n";

    @TempDir
    static Path dir;
    static StateStore store;
    static Settings settings;

    @BeforeAll
    static void open() {
        settings = Settings.builder().set(Setting.BACKEND, "sqlite").set(Setting.DATA_DIR, dir.toString())
                .set(Setting.MAX_BODY_BYTES, String.valueOf(MAX_LINE)).build();
        store = StateStores.open(settings);
        store.createLoop(NewLoop.of("hostile", LoopType.SPEC));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    static Stream<Arguments> refused() {
        String deep = "[".repeat(100) + "]".repeat(100);
        return Stream.of(
                line("null", -32600, null, "Invalid Request: a JSON-RPC message is a JSON object, got null"),
                line("\"text\"", -32600, null, "Invalid Request: a JSON-RPC message is a JSON object, got the string \"text\""),
                line("42", -32600, null, "Invalid Request: a JSON-RPC message is a JSON object, got the number 42"),
                line("[]", -32600, null, "Invalid Request: batches (JSON arrays) are not supported: send one message at a time"),
                line("[{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}]", -32600, null,
                        "Invalid Request: batches (JSON arrays) are not supported: send one message at a time"),
                line("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}", -32600, null,
                        "Invalid Request: 'id' must be a string or a whole number, got an object"),
                line("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"ping\"}", -32600, null,
                        "Invalid Request: 'id' must be a string or a whole number, got an array"),
                line("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", -32600, null,
                        "Invalid Request: 'id' must be a string or a whole number, got the number 1.5"),
                line("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}", -32600, null,
                        "Invalid Request: 'id' must be a string or a whole number, got true"),
                line("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", -32600, null,
                        "Invalid Request: 'id' must be a string or a whole number, got null"),
                line("{\"jsonrpc\":\"2.0\",\"id\":99999999999999999999999,\"method\":\"ping\"}", -32600, null,
                        "Invalid Request: 'id' must be a string or a whole number, got the number 99999999999999999999999"),
                line("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}", -32600, 7,
                        "Invalid Request: 'jsonrpc' must be \"2.0\", got the string \"1.0\""),
                line("{\"id\":\"seven\",\"method\":\"ping\"}", -32600, "seven", "Invalid Request: 'jsonrpc' must be \"2.0\", got null"),
                line("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":5}", -32600, 8,
                        "Invalid Request: 'method' must be a non-empty string, got the number 5"),
                line("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"\"}", -32600, 8,
                        "Invalid Request: 'method' must be a non-empty string, got the string \"\""),
                line("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":\"x\"}", -32600, 9,
                        "Invalid Request: 'params' must be an object, got the string \"x\""),
                line("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\",\"params\":null}", -32600, 9,
                        "Invalid Request: 'params' must be an object, got null"),
                line("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":\"list_active_loops\","
                        + "\"arguments\":\"x\"}}", -32602, 10, "Invalid params of tools/call: wrong type for 'arguments': expected an object, got the string \"x\""),
                line("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":\"list_active_loops\","
                        + "\"arguments\":[1]}}", -32602, 10, "Invalid params of tools/call: wrong type for 'arguments': expected an object, got an array"),
                line("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}", -32602, 10,
                        "Invalid params of tools/call: 'name', the tool's name, must be a string, got null"),
                line("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":7}}", -32602, 10,
                        "Invalid params of tools/call: 'name', the tool's name, must be a string, got the number 7"),
                line("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/list\",\"params\":{\"cursor\":{}}}", -32602, 10,
                        "Invalid params of tools/list: wrong type for 'cursor': expected a string, got an object"),
                line("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"initialize\",\"params\":{\"protocolVersion\":2025}}",
                        -32602, 10, "Invalid params of initialize: wrong type for 'protocolVersion': expected a string, got the number 2025"),
                line("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"_meta\":3}}",
                        -32602, 10, "Invalid params of tools/call: wrong type for '_meta': expected an object, got the number 3"),
                line("{\"jsonrpc\":\"2.0\",\"id\":11}", -32600, 11, "Invalid Request: a message needs a 'method' (a request "
                        + "or notification) or an 'id' with a 'result' or 'error' (a response)"),
                line("{}", -32600, null, "Invalid Request: 'jsonrpc' must be \"2.0\", got null"),
                line("this is not JSON", -32700, null, "Parse error: malformed JSON at line 1, column 1: Unrecognized "
                        + "token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                line("{\"jsonrpc\":\"2.0\",\"id\":12,", -32700, null,
                        "Parse error: malformed JSON at line 1, column 26: Unexpected end-of-input within/between Object entries"),
                line("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\"}", -32700, null,
                        "Parse error: malformed JSON at line 1, column 29: Duplicate field 'id'"),
                line("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} {}", -32700, null,
                        "Parse error: malformed JSON at line 1, column 42: more content after the JSON value"),
                line("\u001b]0;pwned\u0007\u001b[2J", -32700, null, "Parse error: malformed JSON at line 1, column 2: "
                        + "Illegal character (the control character \\u001b): only regular white space (\\r, \\n, \\t) is "
                        + "allowed between tokens"),
                line("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":NaN}}", -32700, null,
                        "Parse error: malformed JSON at line 1, column 58: Non-standard token 'NaN'"),
                line("{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"ping\",\"params\":{\"x\":" + deep + "}}", -32700, null,
                        "Parse error: malformed JSON: nested deeper than 64 levels"),
                bytes(concat("{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"ping\",\"params\":{\"x\":\"over",
                        new byte[]{(byte) 0xC0, (byte) 0xAF}, "long\"}}"), -32700, null,
                        "Parse error: not valid UTF-8: byte 0xC0 at offset 60 does not start or continue a well-formed character"),
                bytes(concat("{\"jsonrpc\":\"2.0\",\"id\":15,\"method\":\"ping\",\"params\":{\"x\":\"",
                        new byte[]{(byte) 0xE2, (byte) 0x82}, "\"}}"), -32700, null,
                        "Parse error: not valid UTF-8: byte 0xE2 at offset 56 does not start or continue a well-formed character"),
                bytes(concat("{\"jsonrpc\":\"2.0\",\"id\":16,\"method\":\"ping\",\"params\":{\"x\":\"",
                        new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}}"), -32700, null,
                        "Parse error: not valid UTF-8: byte 0xED at offset 56 does not start or continue a well-formed character"),
                line("{\"jsonrpc\":\"2.0\",\"id\":17,\"method\":\"tools/call\",\"params\":{\"name\":\"start_session\","
                        + "\"arguments\":{\"name\":\"Sur\\ud800x\"}}}", -32602, 17, "Invalid params: bad value in "
                        + "'params.arguments.name': \"Sur\\ud800x\" holds a lone surrogate (\\ud800) at character 3: text must be valid Unicode"),
                line("{\"jsonrpc\":\"2.0\",\"id\":18,\"method\":\"tools/call\",\"params\":{\"name\":\"start_session\","
                        + "\"arguments\":{\"name\":\"a\\u0000b\"}}}", -32602, 18, "Invalid params: bad value in "
                        + "'params.arguments.name': \"a\\u0000b\" holds the NUL character (\\u0000), which no backend can store"),
                line("{\"jsonrpc\":\"2.0\",\"id\":19,\"method\":\"tools/call\",\"params\":{\"name\":\"start_session\","
                        + "\"arguments\":{\"name\":1e999}}}", -32602, 19, "Invalid params: bad value in "
                        + "'params.arguments.name': the number is too large (beyond 1.7976931348623157E308)"),
                line("{\"jsonrpc\":\"2.0\",\"id\":\"\\udc00\",\"method\":\"ping\"}", -32600, null, "Invalid Request: bad "
                        + "value in 'id': \"\\udc00\" holds a lone surrogate (\\udc00) at character 0: text must be valid Unicode"),
                line("{\"jsonrpc\":\"2.0\",\"id\":20,\"method\":\"ping\",\"" + "k".repeat(MAX_LINE) + "\":1}", -32600, null,
                        "Invalid Request: the message is longer than 4096 bytes (STATEKEEPER_MAX_BODY_BYTES)"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refused")
    void isAnsweredWithAJsonRpcErrorAndTheServerGoesOn(String name, byte[] line, int code, Object id, String message)
            throws IOException {
        byte[] before = Archives.export(store);

        Map<String, JsonNode> answers = serve(concat(INIT, line, "\n" + AFTER));

        JsonNode refusal = answers.get(id == null ? "null" : id.toString());
        assertThat(refusal).as("the answer to the hostile line among %s", answers.keySet()).isNotNull();
        assertThat(refusal.at("/error/code").asInt()).isEqualTo(code);
        assertThat(refusal.at("/error/message").asText()).isEqualTo(message);
        assertThat(refusal.has("id")).as("a refusal always carries an id member").isTrue();
        assertThat(answers.get("after").at("/result/isError").asBoolean()).as("the next call is served").isFalse();
        assertThat(Archives.export(store)).as("nothing stored changed").isEqualTo(before);
    }

    /** Runs the stdio server on the input until it ends; its answers by id ("null" for id null). */
    private static Map<String, JsonNode> serve(byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StatekeeperMcp.serveStdio(store, settings, new ByteArrayInputStream(input), out);
        Map<String, JsonNode> answers = new HashMap<>();
        List<String> lines = new ArrayList<>(List.of(out.toString(StandardCharsets.UTF_8).split("\n")));
        for (String text : lines) {
            JsonNode answer = Json.mapper().readTree(text);
            answers.put(answer.get("id").isNull() ? "null" : answer.get("id").asText(), answer);
        }
        return answers;
    }

    private static Arguments line(String text, int code, Object id, String message) {
        return bytes(text.getBytes(StandardCharsets.UTF_8), code, id, message);
    }

    private static Arguments bytes(byte[] line, int code, Object id, String message) {
        String name = new String(line, 0, Math.min(line.length, 60), StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
        return arguments(name, line, code, id, message);
    }

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
