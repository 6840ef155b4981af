package dev.statekeeper.ops.postgres;

import dev.statekeeper.ops.postgres.OperationPlan.ExplainedStatement;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The DataSource a store is opened on to explain one of its operations. While it {@linkplain #open opens} and its
 * representative arguments are read, it hands out plain connections of its own. While {@linkplain #record recording},
 * every connection it hands out is the same physical connection, in one transaction that {@link #finish} rolls back:
 * the store's transactions on it are savepoints (its commit releases one, its rollback rolls back to it), its
 * read-only and isolation settings are kept aside (a transaction cannot change them once it has run a statement,
 * and they do not change a plan), and each statement it runs is first run under
 * {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)} with the same parameters inside a savepoint that is rolled back at
 * once, then run for real, so that it is explained on the state it really meets and the operation goes on with its
 * real results. Not thread-safe: one operation at a time.
 */
final class ExplainingDataSource implements DataSource {
    private static final Pattern EXPLAINABLE = Pattern.compile("(?is)^\\s*(SELECT|INSERT|UPDATE|DELETE|WITH|VALUES|MERGE"
            + "|TABLE)\\b.*");
    private static final Pattern SET_TRANSACTION = Pattern.compile("(?is)^\\s*SET\\s+TRANSACTION\\b.*");
    static final String EXPLAIN = "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ";

    private final DataSource source;
    private final List<ExplainedStatement> statements = new ArrayList<>();
    private Connection physical;
    private int savepoints;

    ExplainingDataSource(DataSource source) {
        this.source = source;
    }

    /** Starts recording: the physical connection, its transaction begun. */
    void record(long statementTimeoutMs) throws SQLException {
        physical = source.getConnection();
        try (Statement s = physical.createStatement()) {
            s.execute("SET statement_timeout = " + statementTimeoutMs);
        }
        physical.setAutoCommit(false);
    }

    /** Rolls the transaction back and returns the statements run while recording; the connection stays for reads. */
    List<ExplainedStatement> finish() throws SQLException {
        Connection c = physical;
        if (c != null) {
            c.rollback();
            c.setAutoCommit(true);
        }
        return List.copyOf(statements);
    }

    /** The physical connection after {@link #finish}, in auto-commit. */
    Connection physical() {
        return physical;
    }

    /** Closes the physical connection, rolling back whatever {@link #finish} did not. */
    void close() {
        if (physical != null) {
            try {
                if (!physical.getAutoCommit()) {
                    physical.rollback();
                }
                physical.close();
            } catch (SQLException ignored) {
                // the server ends the transaction with the connection
            }
            physical = null;
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return physical == null ? source.getConnection() : borrowed();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the explained store uses the connections it is given");
    }

    private Connection borrowed() {
        Borrowed state = new Borrowed();
        return (Connection) Proxy.newProxyInstance(ExplainingDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> state.invoke(proxy, method, args));
    }

    /** One borrow of the physical connection: its own auto-commit, read-only and isolation flags, and savepoint. */
    private final class Borrowed {
        private boolean autoCommit = true;
        private boolean readOnly;
        private int isolation = Connection.TRANSACTION_READ_COMMITTED;
        private String savepoint;
        private boolean closed;

        Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "explaining connection";
                }
                case "isWrapperFor" -> {
                    return false;
                }
                case "unwrap" -> throw new SQLException("the explaining connection wraps nothing it can hand out");
                case "isClosed" -> {
                    return closed;
                }
                case "close" -> {
                    if (!closed) {
                        closed = true;
                        if (savepoint != null) {
                            rollbackTo();
                            execute("RELEASE SAVEPOINT " + savepoint);
                            savepoint = null;
                        }
                    }
                    return null;
                }
                case "getAutoCommit" -> {
                    return autoCommit;
                }
                case "setAutoCommit" -> {
                    boolean on = (Boolean) args[0];
                    if (on && !autoCommit) {
                        release();
                    } else if (!on && autoCommit) {
                        begin();
                    }
                    autoCommit = on;
                    return null;
                }
                case "commit" -> {
                    if (savepoint != null) {
                        release();
                        begin();
                    }
                    return null;
                }
                case "rollback" -> {
                    if (args == null && savepoint != null) {
                        rollbackTo();
                        return null;
                    }
                    if (args == null) {
                        return null;
                    }
                    throw new SQLFeatureNotSupportedException(
                            "the explaining connection takes no savepoints of the store's");
                }
                case "isReadOnly" -> {
                    return readOnly;
                }
                case "setReadOnly" -> {
                    readOnly = (Boolean) args[0];
                    return null;
                }
                case "getTransactionIsolation" -> {
                    return isolation;
                }
                case "setTransactionIsolation" -> {
                    isolation = (Integer) args[0];
                    return null;
                }
                case "prepareStatement" -> {
                    PreparedStatement real = (PreparedStatement) forward(method, args);
                    return prepared(real, (String) args[0]);
                }
                case "createStatement" -> {
                    return plain((Statement) forward(method, args));
                }
                case "prepareCall", "setSavepoint", "releaseSavepoint", "abort" ->
                        throw new SQLFeatureNotSupportedException("the explaining connection does not support "
                                + method.getName());
                default -> {
                    return forward(method, args);
                }
            }
        }

        private void begin() throws SQLException {
            savepoint = "sk_work_" + (++savepoints);
            execute("SAVEPOINT " + savepoint);
        }

        private void release() throws SQLException {
            if (savepoint != null) {
                execute("RELEASE SAVEPOINT " + savepoint);
                savepoint = null;
            }
        }

        private void rollbackTo() throws SQLException {
            execute("ROLLBACK TO SAVEPOINT " + savepoint);
        }

        private Object forward(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private PreparedStatement prepared(PreparedStatement real, String sql) {
            Map<Integer, Object[]> params = new TreeMap<>();
            List<List<Object[]>> batch = new ArrayList<>();
            return (PreparedStatement) Proxy.newProxyInstance(ExplainingDataSource.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                        String name = method.getName();
                        if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i
                                && method.getDeclaringClass() == PreparedStatement.class) {
                            params.put(i, new Object[] {method, args});
                        } else if (name.equals("clearParameters")) {
                            params.clear();
                        } else if (name.equals("addBatch") && args == null) {
                            batch.add(List.copyOf(params.values()));
                        } else if (name.equals("clearBatch")) {
                            batch.clear();
                        } else if (name.equals("getConnection")) {
                            return null; // never the physical connection
                        } else if ((name.equals("execute") || name.equals("executeQuery") || name.equals("executeUpdate")
                                || name.equals("executeLargeUpdate")) && args == null) {
                            if (!explain(sql, List.copyOf(params.values()))) {
                                return name.equals("execute") ? false : null;
                            }
                        } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                            for (List<Object[]> entry : batch) {
                                explain(sql, entry);
                            }
                            batch.clear();
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        private Statement plain(Statement real) {
            return (Statement) Proxy.newProxyInstance(ExplainingDataSource.class.getClassLoader(),
                    new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                        String name = method.getName();
                        if (name.equals("getConnection")) {
                            return null;
                        }
                        if (name.startsWith("execute") && args != null && args.length >= 1 && args[0] instanceof String sql
                                && !explain(sql, List.of())) {
                            return name.equals("execute") ? false : null;
                        }
                        if (name.equals("addBatch") && args != null && args[0] instanceof String sql) {
                            explain(sql, List.of());
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    /**
     * Explains {@code sql} with the recorded parameter setters, in a savepoint rolled back at once, and records it;
     * false when the statement must not be run at all (a SET TRANSACTION: the one transaction has begun).
     */
    private boolean explain(String sql, List<Object[]> setters) throws SQLException {
        int number = statements.size() + 1;
        if (SET_TRANSACTION.matcher(sql).matches()) {
            statements.add(ExplainedStatement.notRun(number, sql, "not run: the explained operation runs in one "
                    + "transaction, which has begun"));
            return false;
        }
        if (!EXPLAINABLE.matcher(sql).matches()) {
            statements.add(ExplainedStatement.notExplainable(number, sql));
            return true;
        }
        execute("SAVEPOINT sk_explain");
        String json = null;
        String failure = null;
        try (PreparedStatement explain = physical.prepareStatement(EXPLAIN + sql)) {
            for (Object[] setter : setters) {
                ((Method) setter[0]).invoke(explain, (Object[]) setter[1]);
            }
            try (ResultSet rows = explain.executeQuery()) {
                json = rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            failure = StatementStats.firstLine(e);
        } catch (InvocationTargetException | IllegalAccessException e) {
            failure = "its parameters could not be set again: " + e;
        } finally {
            execute("ROLLBACK TO SAVEPOINT sk_explain");
            execute("RELEASE SAVEPOINT sk_explain");
        }
        statements.add(json == null ? ExplainedStatement.failed(number, sql, failure == null ? "no plan returned"
                : failure) : ExplainedStatement.explained(number, sql, json));
        return true;
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = physical.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return source.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        source.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        source.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return source.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return source.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("the explaining DataSource wraps nothing it can hand out");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
