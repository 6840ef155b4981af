package dev.statekeeper.testkit.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC statements beside a store, on any database: what an operator or another program would run. */
public final class RawSql {
    private RawSql() {
    }

    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of the first row, as text. */
    public static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    public static long count(Connection connection, String table) throws SQLException {
        return Long.parseLong(text(connection, "SELECT count(*) FROM " + table));
    }
}
