package dev.statekeeper.ops.sqlite;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * Raw connections to a SQLite file, outside any store: read-only ones for verify and for salvaging a damaged file
 * (they never write to it, so the file and its WAL stay exactly as they were), writable ones for repair.
 */
final class SqliteFiles {
    static final String MIGRATIONS = "classpath:db/migration/sqlite";

    private SqliteFiles() {
    }

    static Connection readOnly(Path file) throws SQLException {
        return dataSource(file, true, Duration.ofSeconds(5)).getConnection();
    }

    /** A writer like the store's: foreign keys on, waiting up to {@code busyTimeout} for another writer. */
    static Connection writable(Path file, Duration busyTimeout) throws SQLException {
        return dataSource(file, false, busyTimeout).getConnection();
    }

    static DataSource dataSource(Path file, boolean readOnly, Duration busyTimeout) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setBusyTimeout(Math.toIntExact(busyTimeout.toMillis()));
        config.enforceForeignKeys(!readOnly);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }

    /** The WAL and shared-memory files beside the database: they belong to it and move with it. */
    static List<Path> sidecars(Path file) {
        return List.of(file.resolveSibling(file.getFileName() + "-wal"), file.resolveSibling(file.getFileName() + "-shm"));
    }

    /**
     * Copies the database page by page with SQLite's online backup API: a consistent copy even while others
     * write, and a faithful one of a damaged file (pages are copied, not interpreted).
     */
    static void backup(Connection source, Path target) throws SQLException {
        int rc = source.unwrap(SQLiteConnection.class).getDatabase().backup("main", target.toString(), null);
        if (rc != 0) {
            throw new SQLException("the SQLite backup to '" + target + "' failed with result code " + rc);
        }
    }
}
