package dev.statekeeper.bench.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One MCP server under load: the CLI jar started as a process of its own on the SQLite store in a fresh data
 * directory (every other setting at its default), and one initialized MCP Java SDK client connected to it. Over stdio
 * the client starts {@code java -jar statekeeper.jar mcp} itself, as an MCP host does; over HTTP the driver starts
 * {@code java -jar statekeeper.jar serve --port 0} and the client speaks streamable HTTP to its {@code /mcp}.
 * Closing closes the client and waits for the server to exit (stdin closed, or SIGTERM).
 */
final class ServerUnderTest implements AutoCloseable {
    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final Pattern SERVING = Pattern.compile("serving .* on (http://\\S+) ");

    private final Transport transport;
    private final McpSyncClient client;
    private final ProcessHandle server;

    private ServerUnderTest(Transport transport, McpSyncClient client, ProcessHandle server) {
        this.transport = transport;
        this.client = client;
        this.server = server;
    }

    static ServerUnderTest start(Transport transport, McpLoadOptions options, Path dataDir) throws IOException {
        return transport == Transport.STDIO ? stdio(options, dataDir) : http(options, dataDir);
    }

    private static ServerUnderTest stdio(McpLoadOptions options, Path dataDir) {
        List<String> command = command(options, "mcp");
        StdioClientTransport stdio = new StdioClientTransport(ServerParameters.builder(command.getFirst())
                .args(command.subList(1, command.size())).env(Map.of("STATEKEEPER_DATA_DIR", dataDir.toString()))
                .build(), JSON);
        stdio.setStdErrorHandler(line -> System.err.println("[stdio server] " + line));
        McpSyncClient client = McpClient.sync(stdio).requestTimeout(TIMEOUT).initializationTimeout(TIMEOUT).build();
        client.initialize();
        // the SDK starts the process and keeps it to itself: it is this JVM's child running the jar's mcp command
        ProcessHandle server = ProcessHandle.current().children()
                .filter(child -> child.info().arguments().map(a -> a.length > 0 && a[a.length - 1].equals("mcp"))
                        .orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("the stdio server's process is not found"));
        return new ServerUnderTest(Transport.STDIO, client, server);
    }

    private static ServerUnderTest http(McpLoadOptions options, Path dataDir) throws IOException {
        // its log (a line per request) to a file, as a service's would go; kept after the run for a look
        Path log = Files.createTempFile("statekeeper-mcp-serve-", ".log");
        System.out.println("http: statekeeper serve logs to " + log);
        ProcessBuilder builder = new ProcessBuilder(command(options, "serve", "--port", "0"))
                .redirectError(log.toFile());
        builder.environment().put("STATEKEEPER_DATA_DIR", dataDir.toString());
        Process process = builder.start();
        String url;
        try {
            BufferedReader stdout = process.inputReader();
            String line = stdout.readLine();
            Matcher serving = SERVING.matcher(line == null ? "" : line);
            if (!serving.find()) {
                throw new IllegalStateException("statekeeper serve did not say where it serves: " + line);
            }
            url = serving.group(1);
            // serve prints nothing more; drained so that it could never block on a full pipe
            Thread.ofVirtual().start(() -> drain(process.getInputStream()));
        } catch (RuntimeException | IOException e) {
            process.destroyForcibly();
            throw e;
        }
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(url).endpoint("/mcp").build())
                .requestTimeout(TIMEOUT).initializationTimeout(TIMEOUT).build();
        client.initialize();
        return new ServerUnderTest(Transport.HTTP, client, process.toHandle());
    }

    /** {@code java [options] -jar JAR ARGS}, with the driver's own java. */
    private static List<String> command(McpLoadOptions options, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED"); // sqlite-jdbc's native library, without the JDK's warning
        command.addAll(options.serverJavaOptions());
        command.addAll(List.of("-jar", options.jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static void drain(InputStream in) {
        try (in) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the process ended
        }
    }

    Transport transport() {
        return transport;
    }

    McpSyncClient client() {
        return client;
    }

    long pid() {
        return server.pid();
    }

    @Override
    public void close() {
        client.closeGracefully(); // over stdio: closes the server's stdin, and it exits
        if (transport == Transport.HTTP) {
            server.destroy(); // SIGTERM: serve stops gracefully
        }
        try {
            server.onExit().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            server.destroyForcibly();
            throw new IllegalStateException("the " + transport.label() + " server did not exit within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        }
    }
}
