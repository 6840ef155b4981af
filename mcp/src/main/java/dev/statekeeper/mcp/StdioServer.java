package dev.statekeeper.mcp;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.doctor.DoctorRuns;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * MCP over stdio with the guarantees the SDK's stdio transport does not give. Every line is read as bytes, at most
 * {@code maxLine} of them, and checked by {@link JsonRpcFrame} before the SDK sees it: a line that is not UTF-8, not
 * JSON or not a valid JSON-RPC message is answered with the JSON-RPC error it deserves (with the request's id when
 * it has a valid one, else null) and the server goes on serving. When the input ends, the answers still owed are
 * written before the server stops (so {@code printf ... | statekeeper mcp} works). Reads the input on the calling
 * thread and hands the valid messages, parsed once, to the session on the same thread ({@link StdioTransport}).
 */
final class StdioServer {
    private static final Logger LOG = LoggerFactory.getLogger(StdioServer.class);
    /** How long the answers to requests still in flight when the input ends may take. */
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private final StateStore store;
    private final DoctorRuns doctor;
    private final InputStream in;
    private final MessageCountingOutputStream out;
    private final int maxLine;
    private long owed;

    StdioServer(StateStore store, DoctorRuns doctor, InputStream in, OutputStream out, int maxLine) {
        this.store = store;
        this.doctor = doctor;
        this.in = in;
        this.out = new MessageCountingOutputStream(out);
        this.maxLine = maxLine;
    }

    void run() {
        StdioTransport transport = new StdioTransport(out);
        McpSyncServer server = StatekeeperMcp.start(McpServer.sync(transport), store, doctor);
        AutoCloseable updates = StatekeeperMcp.follow(server, store);
        try {
            pump(new LineReader(in, maxLine), transport);
            if (!out.awaitMessages(owed, DRAIN)) {
                LOG.warn("input ended; stopped waiting after {} s for the answers to requests still running",
                        DRAIN.toSeconds());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("MCP over stdio failed: " + e.getMessage(), e);
        } finally {
            closeQuietly(updates);
            server.closeGracefully();
        }
    }

    private void pump(LineReader reader, StdioTransport transport) throws IOException {
        for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
            if (line.tooLong()) {
                refuse(new JsonRpcFrame.Refusal(null, McpSchema.ErrorCodes.INVALID_REQUEST, "Invalid Request: the "
                        + "message is longer than " + maxLine + " bytes (STATEKEEPER_MAX_BODY_BYTES)"), "");
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            JsonRpcFrame.Read read = JsonRpcFrame.read(line.bytes());
            if (read instanceof JsonRpcFrame.Refusal refusal) {
                refuse(refusal, line.preview());
                continue;
            }
            McpSchema.JSONRPCMessage message = ((JsonRpcFrame.Message) read).message();
            if (message instanceof McpSchema.JSONRPCRequest request) {
                JsonRpcFrame.Refusal refusal = ResourceUpdates.refusal(store, request);
                if (refusal != null) {
                    refuse(refusal, line.preview());
                    continue;
                }
                owed++;
            }
            transport.handle(message);
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", resource, e.toString());
        }
    }

    /** Answers a message the SDK must not see with its JSON-RPC error, and logs it. */
    private void refuse(JsonRpcFrame.Refusal refusal, String preview) throws IOException {
        LOG.warn("refused a line of input ({}): {}{}", refusal.code(), refusal.message(),
                preview.isEmpty() ? "" : "; the line began " + preview);
        byte[] json = refusal.bytes();
        synchronized (out) { // the SDK writes its messages holding the same lock
            out.write(json);
            out.write('\n');
            out.flush();
        }
        owed++;
    }
}
