package dev.statekeeper.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per physical connection and reused, because neither sqlite-jdbc nor HikariCP
 * caches them: preparing a statement again on every call was ~20% of a {@code getLoop}. Statements are
 * prepared on the pool's underlying connection (so the pool does not close them when the connection goes
 * back) and die with it. A pooled connection is used by one thread at a time, so each per-connection map
 * is only touched by its current borrower.
 */
final class StatementCache {
    /** Keyed by the connection object itself: JDBC connections do not override equals. */
    private static final Map<Connection, Map<String, PreparedStatement>> BY_CONNECTION = new ConcurrentHashMap<>();

    private StatementCache() {
    }

    /** The statement for {@code sql} on this connection, parameters cleared. */
    static PreparedStatement get(Connection connection, String sql) throws SQLException {
        Connection physical = connection.isWrapperFor(Connection.class) ? connection.unwrap(Connection.class) : connection;
        Map<String, PreparedStatement> statements = BY_CONNECTION.get(physical);
        if (statements == null) {
            forgetClosedConnections();
            statements = new HashMap<>();
            BY_CONNECTION.put(physical, statements);
        }
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    /**
     * Drops the statements of connections that were closed (a closed pool, a retired connection), whenever a
     * new connection shows up: so a closed store's statements stay reachable at most until the next open.
     */
    private static void forgetClosedConnections() {
        BY_CONNECTION.keySet().removeIf(StatementCache::isClosed);
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Forgets (and closes) a statement that failed, so the next call prepares it afresh. */
    static void discard(Connection connection, String sql) {
        try {
            Connection physical = connection.isWrapperFor(Connection.class) ? connection.unwrap(Connection.class)
                    : connection;
            Map<String, PreparedStatement> statements = BY_CONNECTION.get(physical);
            PreparedStatement statement = statements == null ? null : statements.remove(sql);
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException ignored) {
            // the statement is dropped from the cache either way; its connection reports the real failure
        }
    }
}
