package dev.statekeeper.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one MCP session of {@code statekeeper mcp}, without the SDK's stdio transport in the way. {@link StdioServer}
 * reads and checks each line, then hands the message it has already parsed to {@link #handle}: no second parse, no
 * pipe, no thread between the reader and the tool (the SDK's transport reads the line again on a thread of its own).
 * Every message the server sends is written and flushed at once by the thread that sends it (the tool's answer by
 * the reader, a resource update by the follower's thread), holding the output's lock, where the SDK's transport
 * queues it for a writer thread of its own.
 */
final class StdioTransport implements McpServerTransportProvider {
    private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);

    private final OutputStream out;
    private McpServerSession session;

    StdioTransport(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory sessionFactory) {
        session = sessionFactory.create(new Session());
    }

    /**
     * Hands a message to the session. A request's handler runs on this thread (the server executes immediately) and
     * its answer is written before this returns; a failure of the session is logged, as the SDK's transport does.
     */
    void handle(McpSchema.JSONRPCMessage message) {
        session.handle(message).subscribe(null, e -> LOG.error("handling a message of the MCP session failed", e));
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return session.sendNotification(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return Mono.defer(() -> session.getId().equals(sessionId) ? session.sendNotification(method, params)
                : Mono.error(new IllegalStateException("no MCP session " + sessionId + " over stdio")));
    }

    @Override
    public Mono<Void> closeGracefully() {
        return session == null ? Mono.empty() : session.closeGracefully();
    }

    /** Writes each message as one line of JSON on the output, and flushes it. */
    private final class Session implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> write(message));
        }

        private void write(McpSchema.JSONRPCMessage message) {
            try {
                // compact JSON holds no raw line break: a newline in a string is written as \n
                byte[] json = StatekeeperMcp.JSON.writeValueAsString(message).getBytes(StandardCharsets.UTF_8);
                synchronized (out) { // StdioServer writes its refusals holding the same lock
                    out.write(json);
                    out.write('\n');
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write an MCP message to stdout: " + e.getMessage(), e);
            }
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return StatekeeperMcp.JSON.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }

        @Override
        public void close() {
            // stdout is the process's: it stays open for the refusals written after the session ends
        }
    }
}
