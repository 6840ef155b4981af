package dev.statekeeper.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prepared statements in one line: bind the parameters in order, run, map the rows, close the rows. The
 * statements themselves are reused per connection ({@link StatementCache}).
 */
public final class Sql {
    private Sql() {
    }

    /** Runs an INSERT, UPDATE or DELETE and returns how many rows it changed. */
    public static int update(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = prepare(connection, sql, params);
        try {
            return statement.executeUpdate();
        } catch (SQLException e) {
            StatementCache.discard(connection, sql);
            throw e;
        }
    }

    /** Runs a statement such as {@code BEGIN IMMEDIATE} that returns nothing. */
    public static void execute(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = StatementCache.get(connection, sql);
        try {
            statement.execute();
        } catch (SQLException e) {
            StatementCache.discard(connection, sql);
            throw e;
        }
    }

    public static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (ResultSet rows = query(connection, sql, params)) {
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
        try (ResultSet rows = query(connection, sql, params)) {
            return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
        }
    }

    /**
     * Hands the whole result, before its first row, to {@code reader}: for a result that maps to one value over
     * several rows (a record joined with its children). The rows are closed afterwards.
     */
    public static <T> T rows(Connection connection, String sql, RowMapper<T> reader, Object... params)
            throws SQLException {
        try (ResultSet rows = query(connection, sql, params)) {
            return reader.map(rows);
        }
    }

    /** The single number a query such as {@code SELECT count(*) ...} returns. */
    public static long number(Connection connection, String sql, Object... params) throws SQLException {
        return first(connection, sql, row -> row.getLong(1), params)
                .orElseThrow(() -> new SQLException("no row returned by: " + sql));
    }

    private static ResultSet query(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = prepare(connection, sql, params);
        try {
            return statement.executeQuery();
        } catch (SQLException e) {
            StatementCache.discard(connection, sql);
            throw e;
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = StatementCache.get(connection, sql);
        try {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement;
        } catch (SQLException e) {
            StatementCache.discard(connection, sql);
            throw e;
        }
    }
}
