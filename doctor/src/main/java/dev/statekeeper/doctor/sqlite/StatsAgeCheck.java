package dev.statekeeper.doctor.sqlite;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stats-age}: the query planner's statistics ({@code sqlite_stat1}) are missing or out of date, by the rule
 * of SQLite's {@code PRAGMA optimize}: a table never analyzed, or grown about tenfold since it was. Without a scan:
 * a table with no statistics is counted up to STATEKEEPER_DOCTOR_STATS_MIN_ROWS rows, no further (smaller ones, and
 * empty ones, need none: the planner does well on them without); a table's growth is judged from the span of its rowids against the
 * rows it had when analyzed. P3; the fix is {@code PRAGMA optimize}, which analyzes such tables with a bounded sample.
 * ({@code PRAGMA optimize}'s own reporting mode cannot be asked on a read-only connection to a file with an
 * AUTOINCREMENT table: it fails with SQLITE_READONLY.)
 */
final class StatsAgeCheck implements Check<SqliteHandle> {
    static final String OPTIMIZE = "PRAGMA optimize(0x10012)";
    private static final int GROWTH = 10;

    @Override
    public String id() {
        return "stats-age";
    }

    @Override
    public String title() {
        return "SQLite planner statistics are current";
    }

    @Override
    public boolean cheap() {
        return true;
    }

    @Override
    public CheckResult run(SqliteHandle handle, CheckContext context) throws SQLException {
        int floor = context.integer(Setting.DOCTOR_STATS_MIN_ROWS);
        boolean present = handle.number("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'") > 0;
        Map<String, Long> analyzed = present ? analyzedRows(handle) : Map.of();
        List<String> stale = new ArrayList<>();
        for (String table : handle.list("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                + "'sqlite%' ORDER BY name", r -> r.getString(1))) {
            Long then = analyzed.get(table);
            if (then == null ? rowsUpTo(handle, table, Math.max(1, floor)) >= Math.max(1, floor)
                    : rowidSpan(handle, table) >= Math.max(floor, GROWTH * Math.max(1, then))) {
                stale.add(table);
            }
        }
        CheckResult.Builder result = CheckResult.of(this).evidence("sqliteStat1", present ? "present" : "absent")
                .threshold("every table of " + floor + " rows or more analyzed, and grown less than tenfold since ("
                        + context.named(Setting.DOCTOR_STATS_MIN_ROWS) + ")");
        if (stale.isEmpty()) {
            return result.ok(present ? "the planner's statistics are current" : "no table is large enough to need "
                    + "planner statistics yet");
        }
        return result.evidence("tables", stale)
                .runbook("outdated statistics make the planner choose slow plans (seed 003: update the statistics); "
                        + "run PRAGMA optimize, which analyzes the tables that need it with a bounded sample "
                        + "('statekeeper doctor --fix' does), and then regularly, for example weekly from cron")
                .fix(Fix.safe(OPTIMIZE, "DELETE FROM sqlite_stat1 (the planner goes back to its built-in estimates when "
                        + "the store next opens)"))
                .finding(Severity.P3, (present ? "the planner's statistics are missing or out of date for "
                        : "the planner has no statistics (no sqlite_stat1) for ") + String.join(", ", stale));
    }

    /** The rows each table had when it was last analyzed: the first number of its statistics. */
    private static Map<String, Long> analyzedRows(SqliteHandle handle) throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        for (String[] row : handle.list("SELECT tbl, stat FROM sqlite_stat1", r -> new String[] {r.getString(1),
            r.getString(2)})) {
            try {
                rows.merge(row[0], Long.parseLong(row[1].trim().split("\\s+")[0]), Math::max);
            } catch (RuntimeException e) {
                // a row written by hand that is not statistics: the table counts as not analyzed
            }
        }
        return rows;
    }

    /** The table's rows, counted up to {@code limit}: a scan of at most that many rows. */
    private static long rowsUpTo(SqliteHandle handle, String table, int limit) throws SQLException {
        return handle.number("SELECT count(*) FROM (SELECT 1 FROM " + quote(table) + " LIMIT " + limit + ")");
    }

    /**
     * The query of {@link #rowidSpan}: two subqueries, because SQLite answers a lone {@code min()} or {@code max()} of
     * the rowid with one b-tree lookup, while a query with both scans the whole table.
     */
    static String rowidSpanSql(String table) {
        String t = quote(table);
        return "SELECT coalesce((SELECT max(rowid) FROM " + t + ") - (SELECT min(rowid) FROM " + t + ") + 1, 0)";
    }

    /** An upper bound of the table's rows from its smallest and largest rowid (two index lookups); 0 when it has none. */
    private static long rowidSpan(SqliteHandle handle, String table) {
        try {
            return handle.number(rowidSpanSql(table));
        } catch (SQLException e) {
            return 0; // WITHOUT ROWID: judged by its statistics alone
        }
    }

    private static String quote(String table) {
        return "\"" + table.replace("\"", "\"\"") + "\"";
    }
}
