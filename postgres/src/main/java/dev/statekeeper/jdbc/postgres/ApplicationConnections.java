package dev.statekeeper.jdbc.postgres;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.statekeeper.core.api.PoolStats;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.internal.DelegatingDataSource;
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.SqlErrorTranslator;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The connections of a store opened on the application's own DataSource: the application owns the pool, its
 * size, timeouts and connection properties, and closes it. The store borrows a connection for each piece of work
 * and gives it back as it found it: a connection that comes out of auto-commit is switched to it for the work
 * (the store's transactions assume it) and returned with its auto-commit and read-only flags as they were, so
 * the store's {@code setReadOnly(true)} never reaches the application's own work. Pool counts are known only of
 * a HikariCP DataSource (or one that unwraps to it): they are its whole pool's, the application's borrowers
 * included. A borrow that fails is a {@link NoConnection}, so that the translator can tell an exhausted pool
 * from a refused connection whatever the pool.
 */
final class ApplicationConnections implements PostgresConnections {
    private final DataSource application;
    private final DataSource borrowing;
    private final HikariDataSource hikari;

    ApplicationConnections(DataSource application) {
        this.application = application;
        this.borrowing = new Borrowing(application);
        this.hikari = hikari(application);
    }

    /** The DataSource as messages name it: its class. */
    String name() {
        return application.getClass().getName();
    }

    @Override
    public DataSource dataSource() {
        return borrowing;
    }

    /** The counts of a HikariCP pool; empty for any other DataSource, which does not say how it pools. */
    @Override
    public Optional<PoolStats> stats() {
        return hikari == null ? Optional.empty() : Optional.of(stats(hikari));
    }

    /** The counts of a HikariCP pool now; before HikariCP has started its pool, all zero. */
    private static PoolStats stats(HikariDataSource pool) {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        int max = pool.getMaximumPoolSize();
        return bean == null ? new PoolStats(0, 0, 0, max)
                : new PoolStats(bean.getActiveConnections(), bean.getIdleConnections(), bean.getThreadsAwaitingConnection(),
                        max);
    }

    /** The DataSource is the application's: the store leaves it open. */
    @Override
    public void close() {
    }

    /**
     * Which server, database and user the connections reach, for messages and {@code location()} (host and port
     * as the DataSource's URL names them, never its password); fails the open when the DataSource gives no
     * connection (BACKEND_UNAVAILABLE) or reaches another database than PostgreSQL (CONFIG_INVALID).
     */
    PostgresUrl identify() {
        try (Connection c = borrowing.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            if (!"PostgreSQL".equals(meta.getDatabaseProductName())) {
                throw new StatekeeperException(ErrorCode.CONFIG_INVALID, "the application's DataSource (" + name()
                        + ") reaches " + meta.getDatabaseProductName() + ", not PostgreSQL");
            }
            String[] who = Sql.first(c, "SELECT current_database(), current_user",
                    row -> new String[] {row.getString(1), row.getString(2)}).orElseThrow();
            Server server = Server.of(meta.getURL());
            return new PostgresUrl(server.host(), server.port(), who[0], who[1], null, Map.of());
        } catch (SQLException e) {
            throw new StatekeeperException(ErrorCode.BACKEND_UNAVAILABLE, "open failed: the application's DataSource ("
                    + name() + ") gave no connection to PostgreSQL (" + SqlErrorTranslator.firstLine(e)
                    + (e.getSQLState() == null ? "" : ", SQLSTATE " + e.getSQLState()) + ")", e);
        }
    }

    private static HikariDataSource hikari(DataSource source) {
        if (source instanceof HikariDataSource h) {
            return h;
        }
        try {
            return source.isWrapperFor(HikariDataSource.class) ? source.unwrap(HikariDataSource.class) : null;
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    /** The first host of a {@code jdbc:postgresql://host:port,.../db?...} URL; the driver's defaults without one. */
    private record Server(String host, int port) {
        static Server of(String jdbcUrl) {
            String rest = jdbcUrl == null ? "" : jdbcUrl.replaceFirst("^jdbc:postgresql:", "");
            if (!rest.startsWith("//")) {
                return new Server("localhost", 5432);
            }
            String authority = rest.substring(2).split("[/?]", 2)[0].split(",", 2)[0];
            try {
                URI uri = new URI("postgresql://" + authority + "/");
                return new Server(uri.getHost() == null ? authority : uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
            } catch (java.net.URISyntaxException e) {
                return new Server(authority, 5432);
            }
        }
    }

    /** Borrows from the application's DataSource; each connection goes back as it came. */
    private record Borrowing(DataSource application) implements DelegatingDataSource {
        @Override
        public DataSource delegate() {
            return application;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection;
            try {
                connection = application.getConnection();
            } catch (SQLException e) {
                throw new NoConnection(e);
            }
            return borrowed(connection);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the store borrows the application's connections as they come");
        }
    }

    /** The connection in auto-commit, restoring its flags when it is closed (given back). */
    private static Connection borrowed(Connection connection) throws SQLException {
        boolean autoCommit;
        boolean readOnly;
        try {
            autoCommit = connection.getAutoCommit();
            readOnly = connection.isReadOnly();
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection, e);
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(ApplicationConnections.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "close" -> {
                            giveBack(connection, autoCommit, readOnly);
                            return null;
                        }
                        default -> {
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    /**
     * Ends a transaction the store's work left open (a failed commit), restores the flags and closes the
     * connection. A connection that cannot do that is broken: it is closed all the same, for the application's
     * pool to find out when it validates it.
     */
    private static void giveBack(Connection connection, boolean autoCommit, boolean readOnly) throws SQLException {
        try {
            if (connection.isClosed()) {
                return;
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            if (connection.isReadOnly() != readOnly) {
                connection.setReadOnly(readOnly);
            }
            if (connection.getAutoCommit() != autoCommit) {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException ignored) {
            // broken: closed below, and the pool drops it
        } finally {
            connection.close();
        }
    }

    private static void closeQuietly(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
