package dev.statekeeper.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prepared statements in one line: bind the parameters in order, run, map the rows, close the rows. On a store's
 * pooled connection the statements themselves are kept and reused ({@link StatementCache}); on any other
 * connection each call prepares its statement and closes it.
 */
public final class Sql {
    private Sql() {
    }

    /** Runs an INSERT, UPDATE or DELETE and returns how many rows it changed. */
    public static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (Use use = Use.of(connection, sql, params)) {
            return use.update();
        }
    }

    /** Runs a statement such as {@code BEGIN IMMEDIATE} that returns nothing. */
    public static void execute(Connection connection, String sql) throws SQLException {
        try (Use use = Use.of(connection, sql)) {
            use.execute();
        }
    }

    /**
     * Runs one statement for every row of parameters as one JDBC batch, on a statement of its own (a batch is too
     * rare to keep), and returns how many rows each changed.
     */
    public static int[] batch(Connection connection, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] params : rows) {
                for (int i = 0; i < params.length; i++) {
                    statement.setObject(i + 1, params[i]);
                }
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    public static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (Use use = Use.of(connection, sql, params); ResultSet rows = use.query()) {
            List<T> out = new ArrayList<>();
            while (rows.next()) {
                out.add(mapper.map(rows));
            }
            return out;
        }
    }

    /** The first row's value, or empty when there is no row. */
    public static <T> Optional<T> first(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (Use use = Use.of(connection, sql, params); ResultSet rows = use.query()) {
            return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
        }
    }

    /**
     * Hands the whole result, before its first row, to {@code reader}: for a result that maps to one value over
     * several rows (a record joined with its children). The rows are closed afterwards.
     */
    public static <T> T rows(Connection connection, String sql, RowMapper<T> reader, Object... params)
            throws SQLException {
        try (Use use = Use.of(connection, sql, params); ResultSet rows = use.query()) {
            return reader.map(rows);
        }
    }

    /** The single number a query such as {@code SELECT count(*) ...} returns. */
    public static long number(Connection connection, String sql, Object... params) throws SQLException {
        return first(connection, sql, row -> row.getLong(1), params)
                .orElseThrow(() -> new SQLException("no row returned by: " + sql));
    }

    /**
     * The statement of one call, its parameters bound: the connection's cached one, which stays open (and is
     * dropped from the cache if it fails), or one prepared for the call, closed with it.
     */
    private record Use(PreparedStatement statement, StatementCache cache, String sql) implements AutoCloseable {

        static Use of(Connection connection, String sql, Object... params) throws SQLException {
            StatementCache cache = StatementCache.of(connection);
            Use use = new Use(cache == null ? connection.prepareStatement(sql) : cache.get(sql), cache, sql);
            try {
                for (int i = 0; i < params.length; i++) {
                    use.statement.setObject(i + 1, params[i]);
                }
                return use;
            } catch (SQLException e) {
                use.failed();
                try {
                    use.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }

        int update() throws SQLException {
            try {
                return statement.executeUpdate();
            } catch (SQLException e) {
                failed();
                throw e;
            }
        }

        void execute() throws SQLException {
            try {
                statement.execute();
            } catch (SQLException e) {
                failed();
                throw e;
            }
        }

        ResultSet query() throws SQLException {
            try {
                return statement.executeQuery();
            } catch (SQLException e) {
                failed();
                throw e;
            }
        }

        /** A cached statement that failed is not reused: the next call prepares it afresh. */
        private void failed() {
            if (cache != null) {
                cache.discard(sql);
            }
        }

        @Override
        public void close() throws SQLException {
            if (cache == null) {
                statement.close();
            }
        }
    }
}
