package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code slow-queries}: statements of the database whose mean execution time in pg_stat_statements is above
 * STATEKEEPER_DOCTOR_PG_SLOW_QUERY_MS (the seeds: over 1 s), the top 10 by total time, with the columns of the
 * extension's version (mean_exec_time from 1.8, mean_time before). Maintenance and DDL statements (VACUUM, CREATE
 * INDEX, ...) are slow by nature and left out. Skipped, with what to run, when the extension is not installed in the
 * database or not loaded; other roles' statements need pg_read_all_stats. P2.
 */
final class SlowQueriesCheck extends PostgresCheck {
    private static final int SHOWN = 10;
    private static final String UTILITY = "^\\s*(VACUUM|ANALYZE|CREATE|ALTER|DROP|REINDEX|CLUSTER|COPY|REFRESH|CHECKPOINT"
            + "|BEGIN|COMMIT|ROLLBACK|GRANT|REVOKE|TRUNCATE|LOCK|SET|SHOW|DO|CALL)\\M";
    private static final String INSTALL = "a superuser can add it: shared_preload_libraries = 'pg_stat_statements' in "
            + "postgresql.conf (a restart), then CREATE EXTENSION IF NOT EXISTS pg_stat_statements; in the database";

    SlowQueriesCheck() {
        super("slow-queries", "No statement is slow on average", false);
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        int limitMs = context.integer(Setting.DOCTOR_PG_SLOW_QUERY_MS);
        CheckResult.Builder result = CheckResult.of(this).threshold("mean execution time <= " + limitMs + " ms ("
                + context.named(Setting.DOCTOR_PG_SLOW_QUERY_MS) + ")");
        Optional<String[]> extension = handle.first("SELECT n.nspname, e.extversion FROM pg_extension e JOIN pg_namespace "
                + "n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'",
                r -> new String[] {r.getString(1), r.getString(2)});
        if (extension.isEmpty()) {
            return result.skipped("pg_stat_statements is not installed in database '" + handle.url().database() + "': "
                    + INSTALL);
        }
        if (!handle.readsAllStats()) {
            return needsMonitor(result, handle, "the statements of other roles in pg_stat_statements");
        }
        String view = qualified(extension.get()[0], "pg_stat_statements");
        boolean exec = handle.number("SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = "
                + "'mean_exec_time'", view) > 0;
        String mean = exec ? "mean_exec_time" : "mean_time";
        String total = exec ? "total_exec_time" : "total_time";
        result.evidence("extensionVersion", extension.get()[1]);
        List<Map<String, Object>> slow;
        try {
            slow = handle.list("SELECT s.queryid, s.calls, s." + mean + ", s." + total + ", s.rows, left(s.query, 200), "
                    + "r.rolname, count(*) OVER () FROM " + view + " s LEFT JOIN pg_roles r ON r.oid = s.userid WHERE "
                    + "s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND s." + mean + " > ? "
                    + "AND s.query !~* ? ORDER BY s." + total + " DESC LIMIT " + SHOWN, r -> {
                        Map<String, Object> q = new LinkedHashMap<>();
                        q.put("queryId", r.getLong(1));
                        q.put("calls", r.getLong(2));
                        q.put("meanMs", Math.round(r.getDouble(3) * 10) / 10.0);
                        q.put("totalMs", Math.round(r.getDouble(4)));
                        q.put("rows", r.getLong(5));
                        q.put("query", r.getString(6));
                        q.put("user", r.getString(7));
                        q.put("total", r.getLong(8));
                        return q;
                    }, (double) limitMs, UTILITY);
        } catch (SQLException e) {
            if ("55000".equals(e.getSQLState())) {
                return result.skipped("pg_stat_statements is installed but not loaded (" + e.getMessage().strip()
                        .split("\n")[0] + "): " + INSTALL);
            }
            throw e;
        }
        if (slow.isEmpty()) {
            return result.ok("no statement of database '" + handle.url().database() + "' takes more than " + limitMs
                    + " ms on average");
        }
        long count = (Long) slow.getFirst().get("total");
        slow.forEach(q -> q.remove("total"));
        Map<String, Object> top = slow.getFirst();
        return result.evidence("slowStatements", count).evidence("topByTotalTime", slow)
                .runbook("seed 003's slow query runbook: EXPLAIN (ANALYZE, BUFFERS) the statement with real values; a "
                        + "Seq Scan over many rows wants an index (CREATE INDEX CONCURRENTLY), a plan gone bad fresh "
                        + "statistics (ANALYZE), a large result pagination; then compare its mean after the change "
                        + "(SELECT pg_stat_statements_reset(userid, dbid, queryid) starts its numbers afresh)")
                .finding(Severity.P2, count + " statement(s) take more than " + limitMs + " ms on average; the most "
                        + "time goes to one taking " + top.get("meanMs") + " ms over " + top.get("calls") + " call(s): "
                        + top.get("query"));
    }
}
