package dev.statekeeper.doctor.maintain;

import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link Maintenance} of a PostgreSQL database: {@code VACUUM (ANALYZE)} of each of Statekeeper's tables. */
final class PostgresMaintenance {
    private PostgresMaintenance() {
    }

    static MaintenanceRun run(Settings settings, Clock clock, boolean dryRun) {
        if (!dryRun) {
            StateStores.open(settings, clock).close();
        }
        String target = PostgresConnect.url(settings).toString();
        Instant started = clock.instant();
        long start = System.nanoTime();
        Steps steps = new Steps(dryRun);
        Maintenance.pruneEvents(steps, settings, clock);
        try (Connection c = PostgresConnect.open(settings, dryRun)) {
            List<String> tables = tables(c);
            if (tables.isEmpty()) {
                throw new StatekeeperException(ErrorCode.CANNOT_OPEN, "PostgreSQL database " + target + " has no "
                        + "Statekeeper tables in its schema; create them with 'statekeeper init'");
            }
            for (String table : tables) {
                String sql = "VACUUM (ANALYZE) " + table;
                steps.run(sql, () -> {
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                    }
                    return "ok";
                });
            }
            MaintenanceRun done = new MaintenanceRun("postgres", target, started,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), dryRun, steps.result(), steps.steps());
            if (!dryRun) {
                record(c, done);
            }
            return done;
        } catch (SQLException e) {
            throw new StatekeeperException(ErrorCode.BACKEND_UNAVAILABLE, "db maintain failed on PostgreSQL database "
                    + target + ": " + e.getMessage(), e);
        }
    }

    /** The tables of the current schema, quoted as identifiers: Statekeeper's (its schema holds only its own). */
    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT quote_ident(n.nspname) || '.' || "
                + "quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }

    private static void record(Connection c, MaintenanceRun run) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO maintenance_log (started_at, duration_ms, actions, "
                + "result) VALUES (?, ?, ?, ?)")) {
            p.setTimestamp(1, Timestamp.from(run.startedAt()));
            p.setLong(2, run.durationMs());
            p.setString(3, run.actions());
            p.setString(4, run.result());
            p.executeUpdate();
        }
    }
}
