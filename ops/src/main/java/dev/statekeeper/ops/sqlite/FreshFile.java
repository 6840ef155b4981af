package dev.statekeeper.ops.sqlite;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.jdbc.sqlite.SqliteStateStore;
import dev.statekeeper.jdbc.sqlite.SqliteStoreProvider;
import dev.statekeeper.ops.sql.Jdbc;
import dev.statekeeper.ops.sql.RowRepairs;
import dev.statekeeper.ops.sql.SqlFlavor;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The new file a recovery fills: created with this build's schema by opening a store on it (the store's own
 * migrations), then written over one raw connection with foreign keys off while rows arrive in any order, then
 * made consistent with the row repairs, and checkpointed so that it is complete without a WAL beside it.
 */
final class FreshFile implements AutoCloseable {
    private final Connection connection;
    private boolean inTransaction = true;

    private FreshFile(Connection connection) {
        this.connection = connection;
    }

    static FreshFile create(Path file, Settings settings, Clock clock) throws SQLException {
        Settings target = settings.toBuilder().set(Setting.BACKEND, SqliteStoreProvider.NAME)
                .set(Setting.DATABASE_URL, SqliteStoreProvider.SCHEME + file).set(Setting.AUTO_MIGRATE, "true").build();
        SqliteStateStore.open(target, clock).close();
        Connection c = SqliteFiles.writable(file, Duration.ofSeconds(5));
        try {
            Jdbc.execute(c, "PRAGMA foreign_keys = OFF");
            Jdbc.execute(c, "BEGIN IMMEDIATE");
            // the migration's counter row would refuse the damaged file's: let that one in (eventSequence checks it)
            Jdbc.execute(c, "DELETE FROM event_sequence");
            return new FreshFile(c);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /** The tables of the schema, in the order they were created (parents before children). */
    List<String> tables() throws SQLException {
        return Jdbc.list(connection, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                + "AND name <> 'flyway_schema_history' ORDER BY rootpage", row -> row.getString(1));
    }

    List<String> columns(String table) throws SQLException {
        return columns(connection, table);
    }

    static List<String> columns(Connection c, String table) throws SQLException {
        return Collections.unmodifiableList(Jdbc.list(c, "SELECT name FROM pragma_table_info(?) ORDER BY cid",
                row -> row.getString(1), table));
    }

    PreparedStatement inserter(String table, List<String> columns) throws SQLException {
        return connection.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")");
    }

    long count(String table) throws SQLException {
        return Jdbc.number(connection, "SELECT count(*) FROM " + table);
    }

    /**
     * Commits the rows, then applies the row repairs in a transaction of their own (the change history's counter among
     * them: {@link RowRepairs}); returns the changes.
     */
    List<String> commitAndRepair(int historySize) throws SQLException {
        Jdbc.execute(connection, "COMMIT");
        inTransaction = false;
        Jdbc.execute(connection, "BEGIN IMMEDIATE");
        inTransaction = true;
        List<String> changes = new ArrayList<>(RowRepairs.apply(connection, SqlFlavor.SQLITE, historySize));
        Jdbc.execute(connection, "COMMIT");
        inTransaction = false;
        return changes;
    }

    /** Moves everything from the WAL into the file, so the file alone holds the store (a failed run rolls back). */
    @Override
    public void close() throws SQLException {
        try {
            if (inTransaction) {
                Jdbc.execute(connection, "ROLLBACK");
            }
            Jdbc.execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        } finally {
            connection.close();
        }
    }
}
