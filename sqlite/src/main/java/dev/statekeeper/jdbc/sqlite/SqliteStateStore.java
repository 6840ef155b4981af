package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.internal.oplog.OperationRecorder;
import dev.statekeeper.core.perf.OperationLog;
import dev.statekeeper.jdbc.internal.store.JdbcOperationLog;
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.RetryPolicy;
import dev.statekeeper.jdbc.internal.Transactor;
import dev.statekeeper.jdbc.migration.Migrator;
import dev.statekeeper.jdbc.internal.store.EventRows;
import dev.statekeeper.jdbc.internal.store.JdbcStateStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code sqlite} backend: one file in WAL mode (default {@code $XDG_STATE_HOME/statekeeper/state.db}).
 * Writes run in {@code BEGIN IMMEDIATE} transactions on the single writer connection, reads on read-only
 * connections (one statement in its own implicit transaction, several in a deferred one, which sees one
 * snapshot); the per-table work is done by the shared repositories. Thread-safe,
 * and safe to share the file with other processes. Open it with {@link #open} (or
 * {@link dev.statekeeper.core.api.StateStores#open} with STATEKEEPER_BACKEND=sqlite) and close it: closing releases
 * the connections and lets SQLite fold the write-ahead log back into the file. The errors of its operations are
 * those {@link dev.statekeeper.core.api.StateStore} names.
 */
public final class SqliteStateStore extends JdbcStateStore {
    private static final String BACKEND = SqliteStoreProvider.NAME;

    private final SqliteDatabase database;

    private SqliteStateStore(SqliteDatabase database, Transactor tx, Settings settings, Clock clock) {
        super(BACKEND, tx, SqliteDialect.INSTANCE, settings, clock, EventRows.serialized(),
                settings.seconds(Setting.EVENTS_POLL));
        this.database = database;
    }

    /**
     * Opens the file {@link Settings#sqlitePath()}, creating it and its directories on first use, and brings
     * its schema up to date when {@link Setting#AUTO_MIGRATE} allows (Flyway starts only when it is behind).
     *
     * @param settings the validated settings: the file, STATEKEEPER_SQLITE_BUSY_TIMEOUT, the loop policy...
     * @param clock    the clock that stamps records
     * @return the open store; the caller closes it
     * @throws dev.statekeeper.core.error.StatekeeperException {@link dev.statekeeper.core.error.ErrorCode#CANNOT_OPEN}
     *         when the file or its directory cannot be opened or created (or something other than a file is at its
     *         path); {@link dev.statekeeper.core.error.ErrorCode#READ_ONLY} or
     *         {@link dev.statekeeper.core.error.ErrorCode#DISK_FULL} when it cannot be written;
     *         {@link dev.statekeeper.core.error.ErrorCode#CORRUPT} when it is not a SQLite database;
     *         {@link dev.statekeeper.core.error.ErrorCode#DATABASE_BUSY} when another process holds its lock past the
     *         busy timeout; {@link dev.statekeeper.core.error.ErrorCode#MIGRATION_DRIFT} when its schema is newer than
     *         this build's, or behind while STATEKEEPER_AUTO_MIGRATE is false
     */
    public static SqliteStateStore open(Settings settings, Clock clock) {
        SqliteErrorTranslator translator = new SqliteErrorTranslator(settings.sqlitePath().toAbsolutePath(),
                settings.seconds(Setting.SQLITE_BUSY_TIMEOUT));
        SqliteDatabase database = SqliteDatabase.open(settings.sqlitePath(), settings, translator);
        Transactor tx = new Transactor(BACKEND, database.readers(), database.writer(), database.transactionControl(),
                translator, RetryPolicy.from(settings));
        try {
            new SqliteSchema(database.file(), tx, translator)
                    .ensureCurrent(settings.flag(Setting.AUTO_MIGRATE), database.unpooledWriter());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new SqliteStateStore(database, tx, settings, clock);
    }

    /**
     * The operation log kept in a SQLite database, read over a connection the caller holds (a read-only one will do):
     * what {@code statekeeper doctor} reads when no store is open in its process. It writes nothing.
     *
     * @param connection an open connection to the store's database
     * @param settings   the settings (STATEKEEPER_SLOW_OPERATION_MS)
     * @param clock      the clock that says what "the last hour" is
     * @return the log, reading only
     */
    public static OperationLog storedOperationLog(Connection connection, Settings settings, Clock clock) {
        return OperationRecorder.reading(BACKEND, JdbcOperationLog.reading(connection, SqliteDialect.INSTANCE),
                settings.integer(Setting.SLOW_OPERATION_MS), clock);
    }

    /**
     * {@code db migrate} of the file {@link Settings#sqlitePath()}, which need not open as a store (it may be behind
     * while {@link Setting#AUTO_MIGRATE} is off) nor exist. It holds no connection between calls: nothing to
     * close.
     *
     * @param settings the settings naming the file
     * @return the file's migrator
     * @throws dev.statekeeper.core.error.StatekeeperException {@link dev.statekeeper.core.error.ErrorCode#CANNOT_OPEN}
     *         when something other than a file is at the path
     */

    public static Migrator migrator(Settings settings) {
        SqliteDatabase.requireFileOrNothing(settings.sqlitePath().toAbsolutePath());
        return SqliteSchema.migrator(settings);
    }

    @Override
    protected String location() {
        return database.file().toString();
    }

    @Override
    protected String schemaVersion(Connection c) throws SQLException {
        return String.valueOf(Sql.number(c, "PRAGMA user_version"));
    }

    /** The file and its write-ahead log ({@code state.db}, {@code state.db-wal}), each when it is there. */
    @Override
    protected Map<String, Long> sizes(Connection c) {
        Path file = database.file();
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Path part : new Path[] {file, file.resolveSibling(file.getFileName() + "-wal")}) {
            try {
                sizes.put(part.getFileName().toString(), Files.size(part));
            } catch (IOException e) {
                // not there (no WAL between connections) or not readable: nothing to show
            }
        }
        return sizes;
    }

    @Override
    protected void closeDatabase() {
        database.close();
    }
}
