package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code statekeeper mcp} as a shell would use it: JSON-RPC lines piped into a server process whose stdin
 * then ends. Every request is answered, stdout carries nothing but protocol messages, a line that is not
 * JSON-RPC does not stop the server, and the process exits by itself once its input has ended.
 */
class StdioProcessTest {

    @Test
    void answersEveryPipedRequestThenExitsWhenStdinEnds(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process server = new ProcessBuilder(ServerProcess.command(dir.resolve("data")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream stdin = server.getOutputStream()) {
            write(stdin, List.of(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"sh\",\"version\":\"1\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "this is not JSON",
                    "null",
                    "{\"jsonrpc\":\"2.0\",\"id\":{\"an\":\"object\"},\"method\":\"ping\"}",
                    "{\"id\":2,\"hello\":\"not JSON-RPC\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"start_session\","
                            + "\"arguments\":{\"name\":\"piped\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"end_session\","
                            + "\"arguments\":{\"name\":\"piped\"}}}"));
        }
        assertThat(server.waitFor(120, TimeUnit.SECONDS)).as("the server exits when stdin ends").isTrue();
        assertThat(server.exitValue()).as(Files.readString(err)).isZero();

        Map<Integer, JsonNode> answers = new HashMap<>();
        List<String> refusedWithoutId = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode message = Json.mapper().readTree(line);
            assertThat(message.get("jsonrpc").asText()).as(line).isEqualTo("2.0");
            if (message.get("id").isNull()) {
                refusedWithoutId.add(message.at("/error/code").asInt() + " " + message.at("/error/message").asText());
            } else {
                answers.put(message.get("id").asInt(), message);
            }
        }
        assertThat(answers).containsOnlyKeys(1, 2, 3, 4, 5);
        assertThat(refusedWithoutId).containsExactly("-32700 Parse error: malformed JSON at line 1, column 1: "
                        + "Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', "
                        + "'true' or 'false')",
                "-32600 Invalid Request: a JSON-RPC message is a JSON object, got null",
                "-32600 Invalid Request: 'id' must be a string or a whole number, got an object");
        assertThat(answers.get(1).at("/result/serverInfo/name").asText()).isEqualTo("statekeeper");
        assertThat(answers.get(2).at("/error/code").asInt()).isEqualTo(-32600);
        assertThat(answers.get(3).at("/result/tools")).hasSize(StatekeeperMcp.toolNames().size());
        assertThat(answers.get(4).at("/result/isError").asBoolean()).isFalse();
        assertThat(Json.mapper().readTree(answers.get(5).at("/result/content/0/text").asText()).get("status").asText())
                .isEqualTo("ended");
        assertThat(Files.readString(err)).contains("refused a line of input (-32700): Parse error: malformed JSON at "
                + "line 1, column 1: Unrecognized token 'this'");
    }

    private static void write(OutputStream stdin, List<String> lines) throws IOException {
        for (String line : lines) {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
