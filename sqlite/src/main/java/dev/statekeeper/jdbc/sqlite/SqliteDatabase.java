package dev.statekeeper.jdbc.sqlite;

import com.zaxxer.hikari.HikariConfig;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.IoErrors;
import dev.statekeeper.core.internal.io.OwnerOnly;
import dev.statekeeper.core.internal.io.StoreFiles;
import dev.statekeeper.jdbc.internal.StatementCache;
import dev.statekeeper.jdbc.internal.StorePool;
import dev.statekeeper.jdbc.internal.TransactionControl;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * One SQLite file and its connections: a pool holding the single writer connection (journal_mode=WAL,
 * synchronous=NORMAL, foreign_keys=ON, busy_timeout), and a pool of read-only connections, as many as
 * DATABASE_POOL_MAX_SIZE but at most {@value #MAX_READERS}. One writer per process is all SQLite runs at a time anyway; WAL lets the readers run beside
 * it and beside other processes. The writer lends itself to waiting threads in the order they asked
 * ({@link StorePool#openInArrivalOrder}). Each pool opens its first connection at once (the writer first, as it
 * creates a new file), so a file that cannot be opened fails here and the first read finds a connection. The
 * pools are {@link StorePool}s: HikariCP's pools, without HikariCP's INFO lines on start and close. The write-ahead
 * log is checkpointed by a {@link Checkpointer} thread rather than by the writes themselves.
 */
final class SqliteDatabase implements AutoCloseable {
    static final int MAX_READERS = 4;

    private final Path file;
    private final DataSource unpooledWriter;
    private final StorePool writer;
    private final StorePool readers;
    private final Checkpointer checkpointer;

    private SqliteDatabase(Path file, DataSource unpooledWriter, StorePool writer, StorePool readers) {
        this.file = file;
        this.unpooledWriter = unpooledWriter;
        this.writer = writer;
        this.readers = readers;
        this.checkpointer = new Checkpointer(unpooledWriter);
    }

    /**
     * Opens (and on first use creates) the file with its parent directories: new directories 0700, a new file
     * 0600 (SQLite gives its -wal and -shm files the mode of the database file); existing ones keep their mode.
     */
    static SqliteDatabase open(Path file, Settings settings, SqliteErrorTranslator translator) {
        Path absolute = file.toAbsolutePath();
        requireFileOrNothing(absolute);
        createParentDirectories(absolute);
        createPrivately(absolute);
        Duration busyTimeout = settings.seconds(Setting.SQLITE_BUSY_TIMEOUT);
        SQLiteConfig writing = connectionConfig(false, busyTimeout);
        writing.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, String.valueOf(Checkpointer.FALLBACK_PAGES));
        StorePool writer = pool("writer", dataSource(absolute, writing), false, 1, settings, translator);
        try {
            int readers = Math.min(MAX_READERS, settings.integer(Setting.POOL_MAX_SIZE));
            return new SqliteDatabase(absolute, migrating(absolute, busyTimeout), writer, pool("readers",
                    dataSource(absolute, connectionConfig(true, busyTimeout)), true, readers, settings, translator));
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    DataSource writer() {
        return writer;
    }

    DataSource readers() {
        return readers;
    }

    /** Transactions on this file's connections whose write commits wake its checkpointer. */
    TransactionControl transactionControl() {
        return new SqliteTransactionControl(checkpointer::committed);
    }

    /** How many of the background checkpointer's runs copied pages into the file. */
    long checkpoints() {
        return checkpointer.checkpoints();
    }

    /** Unpooled connections for Flyway (which opens and closes its own): see {@link #migrating}. */
    DataSource unpooledWriter() {
        return unpooledWriter;
    }

    /**
     * Connections of their own for migrating the file: the writer's settings, and every transaction begins
     * IMMEDIATE, so that Flyway's transaction, which reads the history and then applies the next migration, holds
     * the write lock from its start: a second migrator waits for it (up to the busy timeout) and then finds the
     * migration applied, instead of applying it again or failing half-way.
     */
    static DataSource migrating(Path file, Duration busyTimeout) {
        SQLiteConfig config = connectionConfig(false, busyTimeout);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return dataSource(file, config);
    }

    /** Read-only connections of their own, which never write to the file (nor create it). */
    static DataSource reading(Path file, Duration busyTimeout) {
        return dataSource(file, connectionConfig(true, busyTimeout));
    }

    @Override
    public void close() {
        // the checkpointer and readers first: SQLite checkpoints the WAL into the file and removes it when the last
        // connection closes, and only the writer may do that (a read-only connection leaves the -wal file behind)
        try {
            checkpointer.close();
            readers.close();
        } finally {
            writer.close();
        }
    }

    /** The file, refused when something other than a regular file is at its path ({@link StoreFiles}). */
    static void requireFileOrNothing(Path file) {
        StoreFiles.requireFileOrNothing(file, "sqlite database");
    }

    static void createParentDirectories(Path file) {
        Path parent = file.getParent();
        try {
            OwnerOnly.createDirectories(parent);
        } catch (IOException e) {
            // the operating system's message as it is, with the path it names: "<dir>: Not a directory"
            String reason = e instanceof AccessDeniedException ? IoErrors.reason(e) : e.getMessage();
            throw new StatekeeperException(IoErrors.code(IoErrors.Access.WRITE, e, ErrorCode.CANNOT_OPEN),
                    "cannot create the directory '" + parent + "' of sqlite database '" + file + "': " + reason, e);
        }
    }

    /**
     * Creates a missing file empty, 0600, for SQLite to make a database of (it takes an empty file for a new
     * database). When that fails, SQLite's own attempt reports why.
     */
    private static void createPrivately(Path file) {
        try {
            OwnerOnly.createFile(file);
        } catch (IOException e) {
            // opening the file reports the cause, as it does without this step
        }
    }

    /** Writers set the journal mode, durability and foreign keys; readers open the file read-only. */
    private static SQLiteConfig connectionConfig(boolean readOnly, Duration busyTimeout) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(Math.toIntExact(busyTimeout.toMillis()));
        if (readOnly) {
            config.setReadOnly(true);
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.enforceForeignKeys(true);
        }
        return config;
    }

    private static SQLiteDataSource dataSource(Path file, SQLiteConfig config) {
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }

    /**
     * A pool of up to {@code size} connections that opens one now and keeps at least one. SQLite connections
     * never go stale, so there is no keepalive and no maximum lifetime. The pool's read-only flag must match
     * the connections' own (sqlite-jdbc cannot change it on an open connection).
     */
    private static StorePool pool(String role, SQLiteDataSource source, boolean readOnly, int size,
                                         Settings settings, SqliteErrorTranslator translator) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("statekeeper-sqlite-" + role);
        config.setReadOnly(readOnly);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(settings.seconds(Setting.POOL_TIMEOUT).toMillis());
        if (size > 1) { // HikariCP warns that an idle timeout has no effect on a fixed-size pool
            config.setIdleTimeout(settings.seconds(Setting.MAX_INACTIVE_LIFETIME).toMillis());
        }
        config.setMaxLifetime(0);
        config.setKeepaliveTime(0);
        try {
            // every writing thread waits for the one writer: in arrival order, so that none waits far longer than the
            // rest (in HikariCP's own order a writer can lose the connection to later ones again and again)
            DataSource connections = StatementCache.caching(source);
            return readOnly ? StorePool.open(config, connections) : StorePool.openInArrivalOrder(config, connections);
        } catch (SQLException e) {
            throw translator.translate("open", e);
        }
    }
}
