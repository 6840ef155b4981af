package dev.statekeeper.server;

import jakarta.servlet.AsyncContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open event streams of the mounted servlets: GET requests answered asynchronously, such as an MCP client's
 * stream for server messages, which stays open as long as the client is connected. Such a stream never finishes by
 * itself, so {@link #closeAll()} ends them when the server stops; otherwise one connected client would hold the
 * graceful stop for all of STATEKEEPER_SHUTDOWN_TIMEOUT. Requests that do work (POSTs, such as MCP tool calls) are
 * not streams here: the graceful stop lets them finish. The API's own waits ({@link Waits}: its event streams and long
 * polls) are registered here too, with what ends them.
 */
final class EventStreams {
    /** Each open stream, with what ends it. */
    private final Map<Object, Runnable> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Whether the server is stopping: the mounted servlets take no new requests. */
    boolean closed() {
        return closed;
    }

    void opened(AsyncContext stream) {
        opened(stream, () -> end(stream));
    }

    /** Registers a stream that {@code end} ends (at once when the server is stopping). */
    void opened(Object stream, Runnable end) {
        open.put(stream, end);
        if (closed) {
            end.run();
        }
    }

    void ended(Object stream) {
        open.remove(stream);
    }

    int open() {
        return open.size();
    }

    /** Refuses new requests to the mounted servlets and ends every open event stream. */
    void closeAll() {
        closed = true;
        open.values().forEach(Runnable::run);
    }

    private static void end(AsyncContext stream) {
        try {
            stream.complete();
        } catch (IllegalStateException alreadyComplete) {
            // it ended meanwhile
        }
    }
}
