package dev.statekeeper.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.pool.HikariPool;
import dev.statekeeper.core.api.PoolStats;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * A store's connection pool: HikariCP's pool ({@link HikariPool}) behind a DataSource of the store's own rather
 * than HikariCP's {@code HikariDataSource}, which narrates every start and close at INFO ("Starting...", "Start
 * completed.", "Shutdown initiated...", "Shutdown completed.") on an embedder's console. The pool is HikariCP's all
 * the same: its borrowing, validation, state reset, eviction and timeouts, and its warnings and errors under its own
 * logger names ({@code com.zaxxer.hikari}). The leak detection {@code config} asks for is the store's
 * {@link LeakWatch}, which costs a borrow far less than HikariCP's.
 *
 * <p>{@link #open} opens the pool's first connection itself, at once, so that a database that cannot be reached or
 * opened fails the open with the driver's own error; that connection is the first the pool takes in. (HikariCP's
 * own check would report it at INFO, "Added connection"; the pool then fills to its minimum in the background.)
 * A borrower that waits out the connection timeout gets a {@link PoolTimeout} saying how long it waited and the
 * pool's counts.
 *
 * <p>HikariCP lends a connection given back to whichever borrower asks first: one arriving just then, or the thread
 * that gave it back asking again, takes it ahead of those waiting, and a waiter that loses that race waits again at
 * the end. A pool {@linkplain #openInArrivalOrder opened in arrival order} serves its borrowers first come, first
 * served instead: they queue on a fair semaphore of one permit, and only its holder asks HikariCP, so no one can
 * overtake it. The permit is held while borrowing, not while using the connection, so a borrower that gets a free
 * connection at once passes straight through.
 */
public final class StorePool implements DelegatingDataSource, AutoCloseable {
    private final HikariPool pool;
    private final Primed source;
    private final LeakWatch leaks;
    private final String name;
    private final int max;
    private final long timeoutMillis;
    /** The turn to ask HikariCP, taken in arrival order; null when HikariCP's own order serves the borrowers. */
    private final Semaphore turn;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StorePool(HikariPool pool, Primed source, LeakWatch leaks, HikariConfig config, Semaphore turn) {
        this.pool = pool;
        this.source = source;
        this.leaks = leaks;
        this.name = config.getPoolName();
        this.max = config.getMaximumPoolSize();
        this.timeoutMillis = config.getConnectionTimeout();
        this.turn = turn;
    }

    /**
     * Starts a pool of {@code config}'s name, sizes and timeouts over {@code source}'s connections, with one of
     * them open, watching for leaks ({@link LeakWatch}) when {@code config} has a leak detection threshold.
     *
     * @throws SQLException the driver's error when {@code source} gives no connection
     */
    public static StorePool open(HikariConfig config, DataSource source) throws SQLException {
        return open(config, source, null);
    }

    /**
     * As {@link #open}, with borrowers that find no free connection served in the order they asked: for a pool
     * that many threads wait for at once, such as SQLite's single writer, where HikariCP's own order lets some
     * wait far longer than others.
     *
     * @throws SQLException the driver's error when {@code source} gives no connection
     */
    public static StorePool openInArrivalOrder(HikariConfig config, DataSource source) throws SQLException {
        return open(config, source, new Semaphore(1, true));
    }

    private static StorePool open(HikariConfig config, DataSource source, Semaphore turn) throws SQLException {
        Primed primed = new Primed(source, new AtomicReference<>(source.getConnection()));
        LeakWatch leaks = null;
        try {
            config.setDataSource(primed);
            config.setInitializationFailTimeout(-1); // the first connection is open already
            config.validate();
            if (config.getLeakDetectionThreshold() > 0) {
                leaks = LeakWatch.start(config.getPoolName(), config.getLeakDetectionThreshold());
                config.setMetricsTrackerFactory(leaks);
                config.setLeakDetectionThreshold(0);
            }
            return new StorePool(new HikariPool(config), primed, leaks, config, turn);
        } catch (RuntimeException e) {
            if (leaks != null) {
                leaks.close();
            }
            primed.discard();
            throw e;
        }
    }

    /** The pool's name, as HikariCP's own messages and threads name it. */
    public String name() {
        return name;
    }

    @Override
    public DataSource delegate() {
        return source.source();
    }

    /**
     * A connection of the pool, waiting at most the connection timeout for one to become free.
     *
     * @throws PoolTimeout when none did
     * @throws SQLException HikariCP's "Interrupted during connection acquisition" when the thread is interrupted
     *                      while it waits (its interrupt status is set again)
     */
    @Override
    public Connection getConnection() throws SQLException {
        if (closed.get()) {
            throw new SQLException("the connection pool " + name + " is closed");
        }
        long started = System.nanoTime();
        if (turn != null) {
            return inTurn(started);
        }
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            throw new PoolTimeout(e, name, waitedMillis(started), pool.getTotalConnections(), stats());
        }
    }

    /**
     * Waits for the turn to ask HikariCP, then asks it for the rest of the timeout. The timeout error is the same
     * whichever of the two waits ran out, and it names the whole wait.
     */
    private Connection inTurn(long started) throws SQLException {
        SQLTransientConnectionException hikari = null;
        try {
            if (turn.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                try {
                    return pool.getConnection(Math.max(0, timeoutMillis - waitedMillis(started)));
                } catch (SQLTransientConnectionException e) {
                    hikari = e;
                } finally {
                    turn.release();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException(name + " - Interrupted during connection acquisition", e);
        }
        throw PoolTimeout.queued(hikari, name, waitedMillis(started), pool.getTotalConnections(), stats());
    }

    private static long waitedMillis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's connections all have the pool's user");
    }

    /** Takes a borrowed connection out of the pool for good (it is closed, not reused), as it is broken. */
    public void evict(Connection connection) {
        pool.evictConnection(connection);
    }

    /** The pool's counts now; borrowers waiting for their turn ({@link #openInArrivalOrder}) count as waiting. */
    public PoolStats stats() {
        int queued = turn == null ? 0 : turn.getQueueLength();
        return new PoolStats(pool.getActiveConnections(), pool.getIdleConnections(),
                pool.getThreadsAwaitingConnection() + queued, max);
    }

    /** Closes every connection of the pool; later borrowers fail. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            pool.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (leaks != null) {
                leaks.close();
            }
            source.discard();
        }
    }

    /** The source's connections, the one opened in advance first. */
    private record Primed(DataSource source, AtomicReference<Connection> first) implements DelegatingDataSource {
        @Override
        public DataSource delegate() {
            return source;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection opened = first.getAndSet(null);
            return opened != null ? opened : source.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the pool's connections all have the pool's user");
        }

        /** Closes the connection opened in advance if the pool never took it. */
        void discard() {
            Connection opened = first.getAndSet(null);
            if (opened != null) {
                try {
                    opened.close();
                } catch (SQLException ignored) {
                    // it was never used; closing it is all there is to do
                }
            }
        }
    }
}
