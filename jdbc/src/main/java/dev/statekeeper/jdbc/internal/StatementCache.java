package dev.statekeeper.jdbc.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The prepared statements of one physical connection, kept and reused, because neither sqlite-jdbc nor HikariCP
 * caches them: preparing a statement again on every call was ~20% of a {@code getLoop}. A store's pool is built
 * over {@link #caching} its data source, so each connection the pool opens carries a cache of its own: the
 * statements are prepared on the physical connection (the pool does not close them when the connection goes
 * back) and are closed with it, when the pool retires the connection or is closed itself. Nothing is shared
 * between connections, pools or stores. A pooled connection is used by one thread at a time, so a cache is only
 * touched by its connection's current borrower. A connection from anywhere else (Flyway's, an operator's) has no
 * cache: {@link Sql} prepares a statement for each call and closes it afterwards.
 */
public final class StatementCache {
    private final Connection physical;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private StatementCache(Connection physical) {
        this.physical = physical;
    }

    /** The data source a pool is built over: each of its connections carries a cache of its statements. */
    public static DataSource caching(DataSource source) {
        return new CachingDataSource(source);
    }

    /** The cache of a connection from a {@link #caching} data source, also through the pool's wrapper; else null. */
    static StatementCache of(Connection connection) throws SQLException {
        return connection.isWrapperFor(StatementCache.class) ? connection.unwrap(StatementCache.class) : null;
    }

    /** The statement for {@code sql} on this connection, parameters cleared. */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    /** Forgets (and closes) a statement that failed, so the next call prepares it afresh. */
    void discard(String sql) {
        close(statements.remove(sql));
    }

    /** Closes every statement, as the connection is being closed. */
    private void closeAll() {
        statements.values().forEach(StatementCache::close);
        statements.clear();
    }

    private static void close(PreparedStatement statement) {
        try {
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException ignored) {
            // the statement is dropped either way; its connection reports the real failure
        }
    }

    /**
     * The physical connection as the pool sees it: every call goes to the connection, except that it unwraps
     * to its cache and closes the cache's statements before it closes.
     */
    private static Connection carrying(Connection physical) {
        StatementCache cache = new StatementCache(physical);
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (args != null && args.length == 1 && args[0] == StatementCache.class) {
                        if (method.getName().equals("unwrap")) {
                            return cache;
                        }
                        if (method.getName().equals("isWrapperFor")) {
                            return true;
                        }
                    }
                    switch (method.getName()) {
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "close" -> cache.closeAll();
                        default -> { }
                    }
                    return invoke(method, physical, args);
                });
    }

    private static Object invoke(Method method, Connection physical, Object[] args) throws Throwable {
        try {
            return method.invoke(physical, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A data source whose connections each carry a {@link StatementCache}. */
    private record CachingDataSource(DataSource source) implements DelegatingDataSource {
        @Override
        public DataSource delegate() {
            return source;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return carrying(source.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return carrying(source.getConnection(username, password));
        }
    }
}
