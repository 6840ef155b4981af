package dev.statekeeper.jdbc.internal;

import dev.statekeeper.core.api.PoolStats;

import java.sql.SQLTransientConnectionException;

/**
 * No connection of a {@link StorePool} became free within its connection timeout: HikariCP's error (its message,
 * SQLSTATE and cause, the last connection failure if there was one), with the wait as the borrower measured it
 * and the pool's counts just after it gave up. A pool that serves its borrowers in arrival order gives the same
 * error, in HikariCP's words, for the whole wait: in the queue and then in HikariCP ({@link #queued}).
 */
public final class PoolTimeout extends SQLTransientConnectionException {
    private final String pool;
    private final long waitedMillis;
    private final int total;
    private final int active;
    private final int idle;
    private final int waiting;
    private final int max;

    PoolTimeout(SQLTransientConnectionException hikari, String pool, long waitedMillis, int total, PoolStats counts) {
        this(hikari.getMessage(), hikari, pool, waitedMillis, total, counts);
    }

    private PoolTimeout(String message, SQLTransientConnectionException hikari, String pool, long waitedMillis,
                        int total, PoolStats counts) {
        super(message, hikari == null ? null : hikari.getSQLState(), hikari == null ? 0 : hikari.getErrorCode(), hikari);
        this.pool = pool;
        this.waitedMillis = waitedMillis;
        this.total = total;
        this.active = counts.active();
        this.idle = counts.idle();
        this.waiting = counts.waiting();
        this.max = counts.max();
    }

    /**
     * A borrower of a pool in arrival order gave up: HikariCP's message, with the whole wait rather than HikariCP's
     * part of it, so that it reads as a plain pool's does.
     *
     * @param hikari HikariCP's error when its wait ran out; null when the queue's did, before the borrower's turn
     */
    static PoolTimeout queued(SQLTransientConnectionException hikari, String pool, long waitedMillis, int total,
                              PoolStats counts) {
        String message = pool + " - Connection is not available, request timed out after " + waitedMillis + "ms (total="
                + total + ", active=" + counts.active() + ", idle=" + counts.idle() + ", waiting=" + counts.waiting()
                + ")";
        return new PoolTimeout(message, hikari, pool, waitedMillis, total, counts);
    }

    /** The pool's name. */
    public String pool() {
        return pool;
    }

    /** How long the borrower waited, in ms. */
    public long waitedMillis() {
        return waitedMillis;
    }

    /** The connections the pool had open, in use or idle. */
    public int total() {
        return total;
    }

    /** The pool's counts: in use, idle, borrowers still waiting (this one no longer), and its maximum size. */
    public PoolStats counts() {
        return new PoolStats(active, idle, waiting, max);
    }
}
