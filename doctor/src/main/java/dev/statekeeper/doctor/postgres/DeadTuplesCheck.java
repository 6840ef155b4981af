package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dead-tuples}: tables of the database where at least STATEKEEPER_DOCTOR_PG_DEAD_TUPLES_PERCENT of the rows
 * are dead (updated or deleted, not yet vacuumed) and at least STATEKEEPER_DOCTOR_PG_DEAD_TUPLES_MIN of them: scans
 * read them and the table grows. From pg_stat_user_tables (the statistics' estimate), which any role may read. P3;
 * the fix is a plain VACUUM ({@code doctor --fix} runs it for Statekeeper's tables).
 */
final class DeadTuplesCheck extends PostgresCheck {
    private static final int SHOWN = 10;
    private static final String QUERY = """
            SELECT s.schemaname, s.relname, s.n_live_tup, s.n_dead_tup,
                   greatest(s.last_vacuum, s.last_autovacuum)::text,
                   coalesce(NOT ('autovacuum_enabled=false' = ANY(c.reloptions)), true)
                       AND current_setting('autovacuum')::bool
            FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
            WHERE s.n_dead_tup >= ? AND s.n_dead_tup * 100 >= ? * (s.n_live_tup + s.n_dead_tup)
            ORDER BY s.n_dead_tup DESC, 1, 2""";

    DeadTuplesCheck() {
        super("dead-tuples", "Tables are not full of dead rows", false);
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        int percent = context.integer(Setting.DOCTOR_PG_DEAD_TUPLES_PERCENT);
        int floor = context.integer(Setting.DOCTOR_PG_DEAD_TUPLES_MIN);
        List<TableFix.Table> tables = new java.util.ArrayList<>();
        List<Map<String, Object>> rows = handle.list(QUERY, r -> {
            tables.add(new TableFix.Table(r.getString(1), r.getString(2)));
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("table", qualified(r.getString(1), r.getString(2)));
            t.put("liveRows", r.getLong(3));
            t.put("deadRows", r.getLong(4));
            t.put("deadPercent", Math.round(r.getLong(4) * 1000.0 / Math.max(1, r.getLong(3) + r.getLong(4))) / 10.0);
            t.put("lastVacuum", r.getString(5));
            t.put("autovacuum", r.getBoolean(6));
            return t;
        }, floor, percent);
        CheckResult.Builder result = CheckResult.of(this).threshold("dead rows < " + percent + " % of a table's rows or < "
                + floor + " (" + context.named(Setting.DOCTOR_PG_DEAD_TUPLES_PERCENT) + ", "
                + context.named(Setting.DOCTOR_PG_DEAD_TUPLES_MIN) + ")");
        if (rows.isEmpty()) {
            return result.ok("no table of database '" + handle.url().database() + "' is " + percent + " % dead");
        }
        Map<String, Object> worst = rows.getFirst();
        return result.evidence("tables", rows.subList(0, Math.min(SHOWN, rows.size())))
                .runbook("autovacuum is off for the table (autovacuum: false in the evidence), not keeping up, or "
                        + "cannot remove the rows because a long transaction, a session idle in transaction or an "
                        + "abandoned replication slot still may see them (see long-running-queries, "
                        + "idle-in-transaction, replication); end those, VACUUM the table, and for a large busy table "
                        + "lower its autovacuum_vacuum_scale_factor")
                .fix(TableFix.of(handle, "VACUUM", tables, "nothing to undo: VACUUM only makes the dead rows' space "
                        + "reusable"))
                .finding(Severity.P3, rows.size() + " table(s) with many dead rows; " + worst.get("table") + " has "
                        + worst.get("deadRows") + " dead of " + ((Long) worst.get("liveRows") + (Long) worst.get("deadRows"))
                        + " (" + worst.get("deadPercent") + " %)");
    }
}
