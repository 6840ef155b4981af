package dev.statekeeper.bench.doctor;

import dev.statekeeper.bench.SqliteLoops;
import dev.statekeeper.bench.TempDirs;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A SQLite store of N loops in progress, each with one feedback entry: the store creates the file (schema and
 * migrations), then plain batched INSERTs in one transaction fill it (as {@code CopyBench} does) and {@code ANALYZE}
 * gives the planner its statistics (as {@code statekeeper db maintain} does); the store is closed
 * before the doctor runs, as when an operator runs {@code statekeeper doctor} beside a stopped server.
 */
public final class SqliteFixture implements Fixture {
    private final Path dir;
    private final Settings settings;

    private SqliteFixture(Path dir) {
        this.dir = dir;
        this.settings = Settings.builder().set(Setting.BACKEND, "sqlite").set(Setting.DATA_DIR, dir.toString()).build();
    }

    public static SqliteFixture create(int loops) throws SQLException {
        Path dir = TempDirs.create();
        try {
            TempDirs.openSqlite(dir).close();
            SqliteFixture fixture = new SqliteFixture(dir);
            fill(fixture.settings.sqlitePath(), loops);
            Backups.take(fixture.settings);
            return fixture;
        } catch (SQLException | RuntimeException e) {
            TempDirs.delete(dir);
            throw e;
        }
    }

    @Override
    public Settings settings() {
        return settings;
    }

    private static void fill(Path file, int loops) throws SQLException {
        SqliteLoops.fill(file, loops);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("ANALYZE"); // as 'statekeeper db maintain' leaves it, and as PgFixture's VACUUM ANALYZE does
        }
    }

    @Override
    public void close() {
        TempDirs.delete(dir);
    }
}
