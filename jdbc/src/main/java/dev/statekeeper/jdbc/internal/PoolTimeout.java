package dev.statekeeper.jdbc.internal;

import dev.statekeeper.core.api.PoolStats;

import java.sql.SQLTransientConnectionException;

/**
 * No connection of a {@link StorePool} became free within its connection timeout: HikariCP's error (its message,
 * SQLSTATE and cause, the last connection failure if there was one), with the wait as the borrower measured it
 * and the pool's counts just after it gave up.
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
        super(hikari.getMessage(), hikari.getSQLState(), hikari.getErrorCode(), hikari);
        this.pool = pool;
        this.waitedMillis = waitedMillis;
        this.total = total;
        this.active = counts.active();
        this.idle = counts.idle();
        this.waiting = counts.waiting();
        this.max = counts.max();
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
