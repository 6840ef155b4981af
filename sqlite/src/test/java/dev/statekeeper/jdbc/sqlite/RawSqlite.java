package dev.statekeeper.jdbc.sqlite;

import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

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
}
