package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.SqlErrorTranslator;
import dev.statekeeper.jdbc.internal.Transactor;
import dev.statekeeper.jdbc.migration.Migrator;
import dev.statekeeper.jdbc.internal.flyway.QuietFlywayLog;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Brings a database file to the schema this build expects. Flyway applies the versioned migrations in
 * {@value #LOCATION}; because Flyway takes a few hundred milliseconds to start, the store first reads
 * {@code PRAGMA user_version} (set by the last migration) and starts Flyway only when the file is behind.
 *
 * <p>Flyway cannot lock a SQLite schema; instead each migration runs in a {@code BEGIN IMMEDIATE} transaction
 * ({@link SqliteDatabase#migrating}) that reads the history again before it applies the migration, so two
 * processes migrating at once apply each migration once. Should one still fail (creating the history table of a
 * new file at once, say), it rolls back (SQLite DDL is transactional) and finds the schema current.
 *
 * <p>{@link #migrator} is {@code db migrate}: the same migrations, over connections of its own, for a file that
 * does not open as a store because it is behind.
 */
final class SqliteSchema {
    /** The version the last migration sets: V{LATEST}__* ends with {@code PRAGMA user_version = LATEST}. */
    private static final int LATEST = 8;

    private static final String LOCATION = "classpath:db/migration/sqlite";
    private static final int ATTEMPTS = 3;
    private static final Object MIGRATING = new Object();
    /** An empty database in memory: what a file that does not exist yet reads as. */
    private static final DataSource EMPTY = memory();

    private final Path file;
    private final Transactor transactor;
    private final SqlErrorTranslator translator;

    SqliteSchema(Path file, Transactor transactor, SqlErrorTranslator translator) {
        this.file = file;
        this.transactor = transactor;
        this.translator = translator;
    }

    /** The schema version of the file (0 for a new file). */
    int version() {
        return transactor.read("read the schema version", c -> Math.toIntExact(Sql.number(c, "PRAGMA user_version")));
    }

    /** Migrates when behind and allowed to; refuses a file that is behind without auto-migrate, or ahead. */
    void ensureCurrent(boolean autoMigrate, DataSource migrations) {
        int version = version();
        if (version > LATEST) {
            throw drift("is at schema version " + version + ", newer than this build's " + LATEST
                    + "; use a newer statekeeper");
        }
        if (version < LATEST) {
            if (!autoMigrate) {
                throw drift("is at schema version " + version + " but this build needs " + LATEST
                        + "; run 'statekeeper db migrate' or set " + Setting.AUTO_MIGRATE.variable() + "=true");
            }
            migrate(migrations);
        }
    }

    private void migrate(DataSource migrations) {
        Flyway flyway = Flyway.configure(SqliteSchema.class.getClassLoader())
                .loggers(QuietFlywayLog.name())
                .dataSource(migrations)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load();
        synchronized (MIGRATING) {
            for (int attempt = 1; ; attempt++) {
                try {
                    flyway.migrate();
                    return;
                } catch (FlywayException e) {
                    if (version() >= LATEST) {
                        return;
                    }
                    if (attempt == ATTEMPTS) {
                        throw translate(e);
                    }
                }
            }
        }
    }

    /**
     * {@code db migrate} of the file the settings name: status and migration without opening it as a store. A file
     * that does not exist is read as an empty one (every migration pending) and created by the migration.
     */
    static Migrator migrator(Settings settings) {
        Path file = settings.sqlitePath().toAbsolutePath();
        Duration busyTimeout = settings.seconds(Setting.SQLITE_BUSY_TIMEOUT);
        SqliteErrorTranslator translator = new SqliteErrorTranslator(file, busyTimeout);
        return new Migrator("sqlite", file.toString(), "sqlite database '" + file + "'", LOCATION,
                () -> Files.exists(file) ? SqliteDatabase.reading(file, busyTimeout) : EMPTY,
                () -> {
                    SqliteDatabase.createParentDirectories(file);
                    return SqliteDatabase.migrating(file, busyTimeout);
                },
                e -> translate((FlywayException) e, file, translator));
    }

    private StatekeeperException translate(FlywayException e) {
        return translate(e, file, translator);
    }

    private static StatekeeperException translate(FlywayException e, Path file, SqlErrorTranslator translator) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return translator.translate("migrate", sql);
            }
        }
        return new StatekeeperException(ErrorCode.MIGRATION_DRIFT,
                "migrate failed on sqlite database '" + file + "': " + e.getMessage(), e);
    }

    private static DataSource memory() {
        SQLiteDataSource memory = new SQLiteDataSource();
        memory.setUrl("jdbc:sqlite::memory:");
        return memory;
    }

    private StatekeeperException drift(String problem) {
        return new StatekeeperException(ErrorCode.MIGRATION_DRIFT, "sqlite database '" + file + "' " + problem);
    }
}
