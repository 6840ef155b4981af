package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vacuum-age} and {@code analyze-age}: tables of the database with at least
 * STATEKEEPER_DOCTOR_PG_MAINTENANCE_MIN_ROWS rows changed since their last vacuum (dead rows and inserts) or analyze
 * (pg_stat_user_tables.n_mod_since_analyze) that were never vacuumed (analyzed), by hand or by autovacuum, or not
 * within STATEKEEPER_DOCTOR_PG_VACUUM_AGE (STATEKEEPER_DOCTOR_PG_ANALYZE_AGE): seed 001/003's maintenance, VACUUM
 * ANALYZE. P3; the fix is a plain VACUUM (an ANALYZE), which {@code doctor --fix} runs for Statekeeper's tables.
 */
final class MaintenanceAgeCheck extends PostgresCheck {
    private static final int SHOWN = 10;

    private final String verb;
    private final String changes;
    private final String last;
    private final Setting age;
    private final String undo;
    private final String why;

    private MaintenanceAgeCheck(String id, String title, String verb, String changes, String last, Setting age,
                                String undo, String why) {
        super(id, title, false);
        this.verb = verb;
        this.changes = changes;
        this.last = last;
        this.age = age;
        this.undo = undo;
        this.why = why;
    }

    static MaintenanceAgeCheck vacuum() {
        return new MaintenanceAgeCheck("vacuum-age", "Changed tables were vacuumed recently", "VACUUM",
                "s.n_dead_tup + s.n_ins_since_vacuum", "greatest(s.last_vacuum, s.last_autovacuum)",
                Setting.DOCTOR_PG_VACUUM_AGE, "nothing to undo: VACUUM only makes dead rows' space reusable and marks "
                        + "pages all-visible", "dead rows pile up and index-only scans read the table");
    }

    static MaintenanceAgeCheck analyze() {
        return new MaintenanceAgeCheck("analyze-age", "Changed tables were analyzed recently", "ANALYZE",
                "s.n_mod_since_analyze", "greatest(s.last_analyze, s.last_autoanalyze)", Setting.DOCTOR_PG_ANALYZE_AGE,
                "nothing to undo: ANALYZE only replaces the planner's statistics (the next ANALYZE replaces them again)",
                "the planner's statistics are out of date and it may choose slow plans (seed 003: update the "
                        + "statistics)");
    }

    /** "vacuumed", "analyzed". */
    private String done() {
        return verb.equals("VACUUM") ? "vacuumed" : "analyzed";
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        int floor = context.integer(Setting.DOCTOR_PG_MAINTENANCE_MIN_ROWS);
        Duration limit = context.seconds(age);
        CheckResult.Builder result = CheckResult.of(this).threshold("tables with " + floor + " or more rows changed "
                + done() + " within " + SessionAgeCheck.seconds(limit) + " s ("
                + context.named(Setting.DOCTOR_PG_MAINTENANCE_MIN_ROWS) + ", " + context.named(age) + ")");
        if (handle.version() < 130000) {
            return needsVersion(result, handle, 130000, "pg_stat_user_tables.n_ins_since_vacuum");
        }
        List<TableFix.Table> tables = new ArrayList<>();
        List<Map<String, Object>> rows = handle.list("SELECT s.schemaname, s.relname, " + changes + ", " + last
                + "::text FROM pg_stat_user_tables s WHERE " + changes + " >= ? AND (" + last + " IS NULL OR " + last
                + " < now() - make_interval(secs => ?)) ORDER BY 3 DESC, 1, 2", r -> {
                    tables.add(new TableFix.Table(r.getString(1), r.getString(2)));
                    Map<String, Object> t = new LinkedHashMap<>();
                    t.put("table", qualified(r.getString(1), r.getString(2)));
                    t.put("changedRows", r.getLong(3));
                    t.put("last", r.getString(4));
                    return t;
                }, floor, limit.toMillis() / 1000.0);
        if (rows.isEmpty()) {
            return result.ok("every table of database '" + handle.url().database() + "' with " + floor + " or more "
                    + "changed rows was " + done() + " within "
                    + SessionAgeCheck.seconds(limit) + " s");
        }
        Map<String, Object> first = rows.getFirst();
        return result.evidence("tables", rows.subList(0, Math.min(SHOWN, rows.size())))
                .runbook("autovacuum should have done it: check that it is on (SHOW autovacuum; the table's "
                        + "autovacuum_enabled), that its workers are not all busy (pg_stat_activity, backend_type "
                        + "'autovacuum worker') and that no long transaction blocks it; until then " + why + "; run "
                        + verb + " on the tables, and schedule it ('statekeeper db maintain' weekly)")
                .fix(TableFix.of(handle, verb, tables, undo))
                .finding(Severity.P3, rows.size() + " table(s) with changes " + (first.get("last") == null ? "never "
                        + done() : "not " + done() + " within " + SessionAgeCheck.seconds(limit) + " s") + ": " + first.get("table") + " ("
                        + first.get("changedRows") + " rows changed" + (first.get("last") == null ? "" : ", last "
                        + first.get("last")) + ")");
    }
}
