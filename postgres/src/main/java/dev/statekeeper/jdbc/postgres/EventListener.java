package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.jdbc.internal.SqlErrorTranslator;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Listens for the store's event notifications on one connection of its own (not the pool's): every write that
 * numbers events runs {@code SELECT pg_notify(channel, lastSequence)} in its transaction, so the notification arrives
 * when it commits, from whichever process wrote; the listener hands its sequence to {@code announce}. It starts on
 * the first follower's wait ({@link #start()}), reads the newest sequence once it listens (so nothing committed while
 * it was connecting is missed), reconnects with a growing pause (up to {@value #MAX_BACKOFF_MS} ms) when the connection
 * drops, and stops on {@link #close()}. Its log lines name the server, never the password. Thread-safe.
 */
final class EventListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventListener.class);
    private static final String PREFIX = "statekeeper_events_";
    private static final Pattern PLAIN = Pattern.compile("[a-z0-9_]+");
    private static final int MAX_CHANNEL = 63;
    private static final int WAIT_MS = 500;
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final DataSource connections;
    private final String channel;
    private final String server;
    private final LongConsumer announce;
    private final Object monitor = new Object();
    private Thread thread;
    private boolean closed;

    /**
     * @param connections where the listening connection comes from (a connection of its own, never pooled)
     * @param channel     the store's channel ({@link #channel(String)})
     * @param server      the server, as log lines name it (no password)
     * @param announce    what a notified sequence is handed to
     */
    EventListener(DataSource connections, String channel, String server, LongConsumer announce) {
        this.connections = connections;
        this.channel = channel;
        this.server = server;
        this.announce = announce;
    }

    /**
     * The notification channel of the store on a schema: distinct per schema (notifications are already distinct per
     * database), at most 63 bytes, the longest a channel may be. A schema name that is not plain lower-case ASCII, or
     * too long, is replaced by its SHA-256 digest.
     */
    static String channel(String schema) {
        String plain = PREFIX + schema;
        if (PLAIN.matcher(schema).matches() && plain.length() <= MAX_CHANNEL) {
            return plain;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(schema.getBytes(StandardCharsets.UTF_8));
            return (PREFIX + "h" + HexFormat.of().formatHex(digest)).substring(0, MAX_CHANNEL);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    /** Starts listening, once; does nothing after {@link #close()}. */
    void start() {
        synchronized (monitor) {
            if (thread != null || closed) {
                return;
            }
            thread = Thread.ofPlatform().daemon().name("statekeeper-events-listener").unstarted(this::run);
            thread.start();
        }
    }

    private void run() {
        long backoff = FIRST_BACKOFF_MS;
        while (!isClosed()) {
            try (Connection c = connections.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + PostgresSchema.quote(channel));
                    try (ResultSet last = s.executeQuery("SELECT last_sequence FROM event_sequence")) {
                        if (last.next()) {
                            announce.accept(last.getLong(1));
                        }
                    }
                }
                backoff = FIRST_BACKOFF_MS;
                PGConnection listening = c.unwrap(PGConnection.class);
                while (!isClosed()) {
                    PGNotification[] notifications = listening.getNotifications(WAIT_MS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            announced(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (isClosed()) {
                    return;
                }
                LOG.warn("listening for events on {} failed ({}); followers poll until it reconnects in {} ms", server,
                        SqlErrorTranslator.firstLine(e), backoff);
                pause(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private void announced(String payload) {
        try {
            announce.accept(Long.parseLong(payload));
        } catch (NumberFormatException e) {
            LOG.debug("ignored a notification that is not a sequence: {}", payload);
        }
    }

    private boolean isClosed() {
        synchronized (monitor) {
            return closed;
        }
    }

    private void pause(long millis) {
        synchronized (monitor) {
            long end = System.nanoTime() + Duration.ofMillis(millis).toNanos();
            long left;
            while (!closed && (left = end - System.nanoTime()) > 0) {
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops listening and waits (briefly) for the thread to end; its connection closes with it. */
    @Override
    public void close() {
        Thread running;
        synchronized (monitor) {
            closed = true;
            monitor.notifyAll();
            running = thread;
        }
        if (running != null) {
            try {
                running.join(Duration.ofMillis(WAIT_MS * 4L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
