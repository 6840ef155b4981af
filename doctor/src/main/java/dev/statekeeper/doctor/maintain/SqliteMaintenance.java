package dev.statekeeper.doctor.maintain;

import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** {@link Maintenance} of a SQLite file. */
final class SqliteMaintenance {
    private static final long MIB = 1024 * 1024;

    private SqliteMaintenance() {
    }

    static MaintenanceRun run(Settings settings, Clock clock, boolean dryRun) {
        Path file = existing(settings);
        if (!dryRun) {
            StateStores.open(settings, clock).close();
        }
        Instant started = clock.instant();
        long start = System.nanoTime();
        Steps steps = new Steps(dryRun);
        Maintenance.pruneEvents(steps, settings, clock);
        try (Connection c = connection(file, settings, dryRun)) {
            steps.run("PRAGMA optimize", () -> execute(c, "PRAGMA optimize"));
            steps.run("ANALYZE", () -> execute(c, "ANALYZE"));
            steps.run("PRAGMA wal_checkpoint(TRUNCATE)", () -> checkpoint(c));
            String vacuumSkip = freelist(c, settings);
            if (vacuumSkip == null) {
                steps.run("VACUUM", () -> execute(c, "VACUUM"));
            } else {
                steps.skip("VACUUM", vacuumSkip);
            }
            MaintenanceRun done = new MaintenanceRun("sqlite", file.toString(), started,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), dryRun, steps.result(), steps.steps());
            if (!dryRun) {
                record(c, done);
            }
            return done;
        } catch (SQLException e) {
            throw new StatekeeperException(ErrorCode.CANNOT_OPEN, "db maintain cannot use sqlite database '" + file
                    + "': " + e.getMessage(), e);
        }
    }

    static Path existing(Settings settings) {
        Path file = settings.sqlitePath().toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new StatekeeperException(ErrorCode.CANNOT_OPEN, "sqlite database '" + file + "' "
                    + (Files.exists(file) ? "is not a file" : "does not exist") + "; create it with 'statekeeper init'");
        }
        return file;
    }

    static Connection connection(Path file, Settings settings, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setBusyTimeout(Math.toIntExact(settings.seconds(Setting.SQLITE_BUSY_TIMEOUT).toMillis()));
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        return source.getConnection();
    }

    private static String execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return "ok";
    }

    private static String checkpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            r.next();
            return r.getInt(1) == 0 ? "ok: " + r.getLong(3) + " of " + r.getLong(2) + " frames written back"
                    : "incomplete: a reader or writer held the log (" + r.getLong(3) + " of " + r.getLong(2) + " frames)";
        }
    }

    /** Null when VACUUM is due (the doctor's freelist finding); else why not. */
    private static String freelist(Connection c, Settings settings) throws SQLException {
        long pages = number(c, "PRAGMA page_count");
        long free = number(c, "PRAGMA freelist_count");
        long pageSize = number(c, "PRAGMA page_size");
        double percent = pages == 0 ? 0 : Math.round(free * 1000.0 / pages) / 10.0;
        int limit = settings.integer(Setting.DOCTOR_FREELIST_PERCENT);
        int floor = settings.integer(Setting.DOCTOR_FREELIST_MIN_MB);
        if (percent >= limit && free * pageSize >= floor * MIB) {
            return null;
        }
        return percent + " % of the pages (" + (free * pageSize / MIB) + " MiB) are free, under "
                + Setting.DOCTOR_FREELIST_PERCENT.variable() + "=" + limit + " or "
                + Setting.DOCTOR_FREELIST_MIN_MB.variable() + "=" + floor;
    }

    private static long number(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private static void record(Connection c, MaintenanceRun run) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO maintenance_log (started_at, duration_ms, actions, "
                + "result) VALUES (?, ?, ?, ?)")) {
            p.setLong(1, TimeUnit.SECONDS.toMicros(run.startedAt().getEpochSecond()) + run.startedAt().getNano() / 1000);
            p.setLong(2, run.durationMs());
            p.setString(3, run.actions());
            p.setString(4, run.result());
            p.executeUpdate();
        }
    }
}
