package dev.statekeeper.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.pool.HikariPool;
import dev.statekeeper.core.api.PoolStats;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
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
 */
public final class StorePool implements DelegatingDataSource, AutoCloseable {
    private final HikariPool pool;
    private final Primed source;
    private final LeakWatch leaks;
    private final String name;
    private final int max;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StorePool(HikariPool pool, Primed source, LeakWatch leaks, String name, int max) {
        this.pool = pool;
        this.source = source;
        this.leaks = leaks;
        this.name = name;
        this.max = max;
    }

    /**
     * Starts a pool of {@code config}'s name, sizes and timeouts over {@code source}'s connections, with one of
     * them open, watching for leaks ({@link LeakWatch}) when {@code config} has a leak detection threshold.
     *
     * @throws SQLException the driver's error when {@code source} gives no connection
     */
    public static StorePool open(HikariConfig config, DataSource source) throws SQLException {
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
            return new StorePool(new HikariPool(config), primed, leaks, config.getPoolName(),
                    config.getMaximumPoolSize());
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
     */
    @Override
    public Connection getConnection() throws SQLException {
        if (closed.get()) {
            throw new SQLException("the connection pool " + name + " is closed");
        }
        long started = System.nanoTime();
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            long waited = (System.nanoTime() - started) / 1_000_000;
            throw new PoolTimeout(e, name, waited, pool.getTotalConnections(), stats());
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's connections all have the pool's user");
    }

    /** Takes a borrowed connection out of the pool for good (it is closed, not reused), as it is broken. */
    public void evict(Connection connection) {
        pool.evictConnection(connection);
    }

    /** The pool's counts now. */
    public PoolStats stats() {
        return new PoolStats(pool.getActiveConnections(), pool.getIdleConnections(),
                pool.getThreadsAwaitingConnection(), max);
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
