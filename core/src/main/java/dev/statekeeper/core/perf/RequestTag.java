package dev.statekeeper.core.perf;

import dev.statekeeper.core.internal.domain.Labels;

/**
 * Names the request the current thread works for, so a slow operation it runs records the request id. Opened by the
 * HTTP and MCP servers around each request; closing it restores the tag that was there before.
 *
 * <pre>{@code
 * try (RequestTag tag = RequestTag.open(requestId)) {
 *     store.getLoop(id);
 * }
 * }</pre>
 */
public final class RequestTag implements AutoCloseable {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    private static final int MAX_LENGTH = 200;

    private final String previous;

    private RequestTag(String previous) {
        this.previous = previous;
    }

    /**
     * Tags the current thread.
     *
     * @param requestId the id; cut to 200 characters, control characters and lone surrogates replaced; null clears the tag
     * @return the tag, to close when the request ends
     */
    public static RequestTag open(String requestId) {
        RequestTag tag = new RequestTag(CURRENT.get());
        CURRENT.set(requestId == null ? null : Labels.printable(requestId, MAX_LENGTH));
        return tag;
    }

    /** @return the current thread's request id, or null */
    public static String current() {
        return CURRENT.get();
    }

    @Override
    public void close() {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

}
