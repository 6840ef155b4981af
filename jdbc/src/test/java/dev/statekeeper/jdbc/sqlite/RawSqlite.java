package dev.statekeeper.jdbc.sqlite;

import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC on a store's file, beside the store: what another process or an operator with sqlite3 would do. */
final class RawSqlite {
    private RawSqlite() {
    }

    /** A read-write connection with foreign keys enforced and no busy waiting. */
    static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(0);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    /** A connection in SQLite's own read-only mode. */
    static Connection connectReadOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of the first row, as text. */
    static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    static long count(Connection connection, String table) throws SQLException {
        return Long.parseLong(text(connection, "SELECT count(*) FROM " + table));
    }
}
