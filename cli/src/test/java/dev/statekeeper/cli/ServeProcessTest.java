package dev.statekeeper.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code statekeeper serve} and {@code statekeeper mcp} as a user runs them: real processes of the CLI's main
 * class on a SQLite store in a temporary directory, talked to over HTTP and over stdin/stdout, and stopped with
 * SIGTERM or by closing stdin.
 */
class ServeProcessTest {
    @TempDir
    Path dir;

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().put("STATEKEEPER_BACKEND", "sqlite");
        builder.environment().put("STATEKEEPER_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        return builder.start();
    }

    @Test
    void serveAnswersHttpUntilSigtermThenStopsGracefullyAndTheStateIsKept() throws Exception {
        Process serve = start("serve", "--port", "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String banner = out.readLine();
            assertThat(banner).startsWith("statekeeper is serving the sqlite store on http://127.0.0.1:");
            String url = banner.replaceAll(".* on (http://[0-9.]+:[0-9]+) .*", "$1");

            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(url + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/loops"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"project\":\"demo\",\"type\":\"spec\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);

            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            serve.destroyForcibly();
        }
        assertThat(Files.readString(dir.resolve("stderr.txt"))).doesNotContain("ERROR").doesNotContain("Exception");
        CliRunner cli = new CliRunner(dir.resolve("data"));
        assertThat(cli.ok("loop", "list", "--project", "demo")).contains("demo");
    }

    @Test
    void mcpAnswersOnStdoutAndExitsWhenStdinCloses() throws Exception {
        Process mcp = start("mcp");
        try {
            try (OutputStream in = mcp.getOutputStream()) {
                in.write(("""
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                        "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}
                        {"jsonrpc":"2.0","method":"notifications/initialized"}
                        {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"initialize_refinement_loop",\
                        "arguments":{"project":"demo","type":"spec"}}}
                        """).getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(mcp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(mcp.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(mcp.exitValue()).isZero();
            assertThat(output.lines().toList()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"jsonrpc\":\"2.0\""));
            assertThat(output).contains("\"serverInfo\"").contains("\\\"project\\\":\\\"demo\\\"");
        } finally {
            mcp.destroyForcibly();
        }
    }
}
