package dev.statekeeper.jdbc.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Copies the write-ahead log into the database file in a thread of its own, so that writes do not. SQLite's default
 * is that the commit which grows the log past 1,000 pages checkpoints it, with two fsyncs, inside that write: with a
 * history event a write changes ~10 pages, so every hundredth write paid for a checkpoint (measured: a writer whose
 * checkpoints come 20 times less often appends feedback 37-58 % faster). Here each write commit {@link #committed
 * wakes} this thread, which runs {@code PRAGMA wal_checkpoint(PASSIVE)} on a connection of its own, at most every
 * {@link #PACE} so that a burst of commits shares one checkpoint. A passive checkpoint never waits for a lock nor
 * blocks a writer or a reader; what it cannot copy yet (pages a reader still needs) the next one copies. The writer
 * keeps an automatic checkpoint at {@link #FALLBACK_PAGES}, far enough that it does not run while this thread keeps
 * up, near enough that the log stays bounded if it cannot. Durability is SQLite's WAL with synchronous=NORMAL, as
 * before: a commit is not synced, a checkpoint is.
 */
final class Checkpointer implements AutoCloseable {
    /** The writer's own automatic checkpoint, a fallback: ~40 MB of log at the default page size. */
    static final int FALLBACK_PAGES = 10_000;
    /** The least time between two checkpoints. */
    static final Duration PACE = Duration.ofMillis(50);

    private final DataSource source;
    private final Object signal = new Object();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong copied = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean idle;
    private Connection connection;

    /**
     * @param source read-write connections to the file (one is opened on the first checkpoint)
     */
    Checkpointer(DataSource source) {
        this.source = source;
        this.thread = Thread.ofPlatform().daemon().name("statekeeper-sqlite-checkpoint").unstarted(this::run);
        thread.start();
    }

    /** A write committed: its pages are in the log, to be checkpointed. Wakes the thread only when it is idle. */
    void committed() {
        commits.incrementAndGet();
        if (idle) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    /** How many of this thread's checkpoints copied pages into the database file. */
    long checkpoints() {
        return copied.get();
    }

    private void run() {
        long done = 0;
        try {
            while (running) {
                synchronized (signal) {
                    idle = true;
                    while (running && commits.get() == done) {
                        signal.wait();
                    }
                    idle = false;
                }
                long seen = commits.get();
                if (running) {
                    checkpoint();
                    done = seen;
                    synchronized (signal) {
                        if (running) {
                            signal.wait(PACE.toMillis()); // let a burst of commits share the next checkpoint
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkpoint() {
        try {
            if (connection == null) {
                connection = source.getConnection();
            }
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                // the third column counts the log's pages now in the file (all of them since the log last restarted)
                if (result.next() && result.getInt(3) > 0) {
                    copied.incrementAndGet();
                }
            }
        } catch (SQLException e) {
            // nothing to report: the writer's fallback checkpoint still bounds the log, and a file that went away or
            // broke is the store's to report, on its next statement; the next checkpoint opens a connection again
            closeConnection();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it held no transaction: there is nothing to lose
            }
            connection = null;
        }
    }

    /** Stops the thread and closes its connection (before the store's own, so the last close removes the log). */
    @Override
    public void close() {
        running = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
