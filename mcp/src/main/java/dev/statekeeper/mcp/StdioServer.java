package dev.statekeeper.mcp;

import dev.statekeeper.core.api.StateStore;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The SDK's stdio transport with two guarantees it does not give alone: a line that is not a JSON-RPC
 * message is refused (answered with Invalid Request when it has an id, else logged) instead of stopping
 * the server, and when the input ends the answers still owed are written before the server stops (so
 * {@code printf ... | statekeeper mcp} works). Reads the input on the calling thread and hands the valid
 * messages to the SDK through a pipe.
 */
final class StdioServer {
    private static final Logger LOG = LoggerFactory.getLogger(StdioServer.class);
    /** How long the answers to requests still in flight when the input ends may take. */
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private final StateStore store;
    private final InputStream in;
    private final MessageCountingOutputStream out;
    private long owed;

    StdioServer(StateStore store, InputStream in, OutputStream out) {
        this.store = store;
        this.in = in;
        this.out = new MessageCountingOutputStream(out);
    }

    void run() {
        try {
            PipedInputStream toServer = new PipedInputStream(64 * 1024);
            PipedOutputStream feed = new PipedOutputStream(toServer);
            McpSyncServer server = StatekeeperMcp.start(
                    McpServer.sync(new StdioServerTransportProvider(StatekeeperMcp.JSON, toServer, out)), store);
            try {
                pump(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), feed);
                if (!out.awaitMessages(owed, DRAIN)) {
                    LOG.warn("input ended; stopped waiting after {} s for the answers to requests still running",
                            DRAIN.toSeconds());
                }
            } finally {
                feed.close(); // the SDK's reader sees the end of its input
                server.closeGracefully();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("MCP over stdio failed: " + e.getMessage(), e);
        }
    }

    private void pump(BufferedReader reader, OutputStream feed) throws IOException {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            McpSchema.JSONRPCMessage message;
            try {
                message = McpSchema.deserializeJsonRpcMessage(StatekeeperMcp.JSON, line);
            } catch (IOException | IllegalArgumentException e) {
                refuse(line);
                continue;
            }
            if (message instanceof McpSchema.JSONRPCRequest) {
                owed++;
            }
            feed.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            feed.flush();
        }
    }

    /**
     * A line that is not a JSON-RPC message: a JSON object with an id is answered with Invalid Request;
     * anything else cannot be answered (MCP responses must carry the request's id) and is logged.
     */
    private void refuse(String line) throws IOException {
        Object id = null;
        try {
            if (StatekeeperMcp.JSON.readValue(line, Object.class) instanceof Map<?, ?> map) {
                id = map.get("id");
            }
        } catch (IOException e) {
            LOG.warn("ignored a line of input that is not JSON: {}", shorten(line));
            return;
        }
        if (id == null) {
            LOG.warn("ignored a line of input that is not a JSON-RPC 2.0 message: {}", shorten(line));
            return;
        }
        byte[] json = StatekeeperMcp.JSON.writeValueAsBytes(JSONRPCResponse.error(id,
                new JSONRPCError(McpSchema.ErrorCodes.INVALID_REQUEST, "Invalid Request: not a JSON-RPC 2.0 message")));
        synchronized (out) { // the SDK writes its messages holding the same lock
            out.write(json);
            out.write('\n');
            out.flush();
        }
        owed++;
    }

    private static String shorten(String line) {
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
