package dev.statekeeper.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One server-sent-event stream of an MCP session: the answer stream of a POSTed request, or the stream a GET opens
 * for server messages. Writes are serialized; the first write that fails (the client is gone) closes the stream, and
 * so does the client hanging up or the stream timing out. {@link #keepAlive()} writes an SSE comment, which is how a
 * stream whose client exited is found and closed.
 */
final class SseStream implements McpStreamableServerTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SseStream.class);

    private final AsyncContext async;
    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private final Runnable onClose;
    private volatile boolean closed;
    private volatile boolean responded;

    private SseStream(AsyncContext async, OutputStream out, Runnable onClose) {
        this.async = async;
        this.out = out;
        this.onClose = onClose;
    }

    /** Starts the asynchronous response as an event stream; {@code onClose} runs once when it ends, however. */
    static SseStream open(jakarta.servlet.http.HttpServletRequest req, HttpServletResponse res, Runnable onClose)
            throws IOException {
        res.setStatus(200);
        res.setContentType("text/event-stream");
        res.setCharacterEncoding("UTF-8");
        res.setHeader("Cache-Control", "no-cache");
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        SseStream stream = new SseStream(async, res.getOutputStream(), onClose);
        async.addListener(new Ended(stream));
        res.flushBuffer();
        return stream;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return sendMessage(message, null);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        return Mono.fromRunnable(() -> {
            try {
                String json = StatekeeperMcp.JSON.writeValueAsString(message);
                write((messageId == null ? "" : "id: " + messageId + "\n") + "event: message\ndata: " + json + "\n\n");
                if (message instanceof McpSchema.JSONRPCResponse) {
                    responded = true;
                }
            } catch (IOException e) {
                LOG.debug("cannot write an MCP message: {}", e.toString());
            }
        });
    }

    /** Writes a keep-alive comment; false when the stream is (now) closed. */
    boolean keepAlive() {
        write(": keep-alive\n\n");
        return !closed;
    }

    /** Whether a JSON-RPC response went out on this stream (the answer of its request). */
    boolean responded() {
        return responded;
    }

    boolean isClosed() {
        return closed;
    }

    private void write(String event) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | IllegalStateException e) {
            LOG.debug("an MCP event stream's client is gone: {}", e.toString());
            close();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return StatekeeperMcp.JSON.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::close);
    }

    @Override
    public void close() {
        if (ended()) {
            try {
                async.complete();
            } catch (IllegalStateException alreadyComplete) {
                // the container ended it first
            }
        }
    }

    /** Marks the stream closed; true only for the first caller, which then runs {@code onClose}. */
    private boolean ended() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        onClose.run();
        return true;
    }

    /** The container's side: the client hung up, the stream failed or the server completed it. */
    private record Ended(SseStream stream) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            stream.ended();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            stream.close();
        }

        @Override
        public void onError(AsyncEvent event) {
            stream.close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
