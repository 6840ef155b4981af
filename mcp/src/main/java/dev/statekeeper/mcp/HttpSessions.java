package dev.statekeeper.mcp;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MCP sessions of the HTTP transport, each with when it was last used, the requests it has running and its open
 * event stream. Bounded two ways, so neither forgotten clients nor a flood of {@code initialize} calls can grow the
 * heap: a session that runs nothing, has no open stream and was not used for {@code idle} is removed, and when
 * {@code max} are open a new one takes the place of the least recently used session that runs nothing (preferring
 * one without a stream). A removed session's client gets 404 on its next request and, as MCP requires, initializes
 * again.
 */
final class HttpSessions {
    private static final Logger LOG = LoggerFactory.getLogger(HttpSessions.class);

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final int max;

    HttpSessions(Clock clock, Duration idle, int max) {
        this.clock = clock;
        this.idle = idle;
        this.max = max;
    }

    /** One session and what keeps it alive. */
    static final class Entry {
        final McpStreamableServerSession session;
        final AtomicInteger running = new AtomicInteger();
        volatile long lastUsed;
        volatile SseStream stream;

        Entry(McpStreamableServerSession session, long now) {
            this.session = session;
            this.lastUsed = now;
        }

        boolean idleSince(long cutoff) {
            SseStream open = stream;
            return running.get() == 0 && (open == null || open.isClosed()) && lastUsed < cutoff;
        }
    }

    /** Adds a new session, first making room; false (and nothing added) when every session is running a request. */
    synchronized boolean add(McpStreamableServerSession session) {
        expire();
        if (sessions.size() >= max && !evictOne()) {
            return false;
        }
        sessions.put(session.getId(), new Entry(session, clock.millis()));
        return true;
    }

    /** The session for a request, marked as running one until {@link #done}; null when there is none. */
    Entry use(String id) {
        Entry entry = sessions.get(id);
        if (entry != null) {
            entry.running.incrementAndGet();
            entry.lastUsed = clock.millis();
        }
        return entry;
    }

    void done(Entry entry) {
        entry.lastUsed = clock.millis();
        entry.running.decrementAndGet();
    }

    /** Removes the session (DELETE, or its end); the caller closes it. */
    Entry remove(String id) {
        return sessions.remove(id);
    }

    int size() {
        return sessions.size();
    }

    Collection<Entry> all() {
        return sessions.values();
    }

    /** Removes and closes every session idle for longer than the idle timeout; returns how many. */
    int expire() {
        long cutoff = clock.millis() - idle.toMillis();
        List<Entry> expired = new ArrayList<>();
        sessions.values().removeIf(e -> e.idleSince(cutoff) && expired.add(e));
        expired.forEach(e -> close(e, "unused for " + idle.toSeconds() + " s (STATEKEEPER_MCP_SESSION_IDLE)"));
        return expired.size();
    }

    /** Closes and forgets every session (the server stops). */
    void closeAll() {
        List<Entry> all = new ArrayList<>(sessions.values());
        sessions.clear();
        all.forEach(e -> close(e, "the server stops"));
    }

    private boolean evictOne() {
        Entry victim = sessions.values().stream()
                .filter(e -> e.running.get() == 0)
                .min(Comparator.<Entry>comparingInt(e -> e.stream == null || e.stream.isClosed() ? 0 : 1)
                        .thenComparingLong(e -> e.lastUsed))
                .orElse(null);
        if (victim == null || !sessions.remove(victim.session.getId(), victim)) {
            return false;
        }
        close(victim, "the least recently used of " + max + " (STATEKEEPER_MCP_MAX_SESSIONS)");
        return true;
    }

    private static void close(Entry entry, String why) {
        LOG.debug("MCP session {} closed: {}", entry.session.getId(), why);
        SseStream open = entry.stream;
        if (open != null) {
            open.close();
        }
        try {
            entry.session.close();
        } catch (RuntimeException e) {
            LOG.warn("closing MCP session {} failed: {}", entry.session.getId(), e.toString());
        }
    }
}
