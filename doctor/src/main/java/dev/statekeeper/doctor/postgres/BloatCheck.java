package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code table-bloat} and {@code index-bloat}: an estimate, from the planner's statistics, of how many of a table's
 * (btree index's) pages are empty space: the pages it would need, from its row count (reltuples), the rows' average
 * width (pg_stats), the tuple and page headers and the fillfactor, against the pages it has (relpages). Only relations
 * analyzed since they were filled can be estimated; pgstattuple would measure exactly but is not there by default.
 * P3 when the estimate is at least STATEKEEPER_DOCTOR_PG_BLOAT_PERCENT of the pages and at least
 * STATEKEEPER_DOCTOR_PG_BLOAT_MIN_MB: below that absolute floor rebuilding is never worth it.
 */
final class BloatCheck extends PostgresCheck {
    private static final int SHOWN = 10;
    private static final long MIB = 1024 * 1024;
    private static final String FILLFACTOR = "coalesce((SELECT substring(o FROM 'fillfactor=(\\d+)')::int FROM "
            + "unnest(c.reloptions) o WHERE o LIKE 'fillfactor=%%'), %d)";
    private static final String TABLES = """
            WITH widths AS (
                SELECT schemaname, tablename, sum((1 - null_frac) * avg_width) AS width
                FROM pg_stats GROUP BY 1, 2)
            SELECT n.nspname, c.relname, NULL::text, c.relpages::bigint,
                   ceil(c.reltuples * (24 + 4 + ceil(w.width / 8) * 8)
                        / ((current_setting('block_size')::int - 24) * %s / 100.0))::bigint
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN widths w ON w.schemaname = n.nspname AND w.tablename = c.relname
            WHERE c.relkind = 'r' AND c.reltuples > 0 AND c.relpages > 0
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')""".formatted(FILLFACTOR.formatted(100));
    private static final String INDEXES = """
            SELECT n.nspname, c.relname, t.relname, c.relpages::bigint,
                   1 + ceil(c.reltuples * (8 + 4 + ceil(sum((1 - s.null_frac) * s.avg_width) / 8) * 8)
                        / ((current_setting('block_size')::int - 24 - 16) * %s / 100.0))::bigint
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_am am ON am.oid = c.relam AND am.amname = 'btree'
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) AS k(attnum)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
            JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = t.relname AND s.attname = a.attname
            WHERE i.indexprs IS NULL AND c.reltuples > 0 AND c.relpages > 1
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            GROUP BY n.nspname, c.relname, t.relname, c.relpages, c.reltuples, c.reloptions""".formatted(
            FILLFACTOR.formatted(90));

    private final boolean index;

    private BloatCheck(String id, String title, boolean index) {
        super(id, title, false);
        this.index = index;
    }

    static BloatCheck tables() {
        return new BloatCheck("table-bloat", "Tables are not mostly empty space", false);
    }

    static BloatCheck indexes() {
        return new BloatCheck("index-bloat", "Indexes are not mostly empty space", true);
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        int percent = context.integer(Setting.DOCTOR_PG_BLOAT_PERCENT);
        int floorMb = context.integer(Setting.DOCTOR_PG_BLOAT_MIN_MB);
        long block = handle.number("SELECT current_setting('block_size')::int");
        List<Map<String, Object>> bloated = handle.list("SELECT * FROM (" + (index ? INDEXES : TABLES) + ") AS e(s, r, "
                + "t, pages, expected) WHERE pages > expected AND (pages - expected) * ? >= ? AND (pages - expected) * 100 "
                + ">= ? * pages ORDER BY pages - expected DESC, 1, 2", r -> {
                    Map<String, Object> b = new LinkedHashMap<>();
                    b.put(index ? "index" : "table", qualified(r.getString(1), r.getString(2)));
                    if (index) {
                        b.put("table", qualified(r.getString(1), r.getString(3)));
                    }
                    b.put("pages", r.getLong(4));
                    b.put("expectedPages", r.getLong(5));
                    b.put("bloatBytes", (r.getLong(4) - r.getLong(5)) * block);
                    b.put("bloatPercent", Math.round((r.getLong(4) - r.getLong(5)) * 1000.0 / r.getLong(4)) / 10.0);
                    return b;
                }, block, floorMb * MIB, percent);
        String what = index ? "btree index" : "table";
        CheckResult.Builder result = CheckResult.of(this).threshold("estimated empty space < " + percent + " % of a "
                + what + "'s pages or < " + floorMb + " MiB (" + context.named(Setting.DOCTOR_PG_BLOAT_PERCENT) + ", "
                + context.named(Setting.DOCTOR_PG_BLOAT_MIN_MB) + ")");
        if (bloated.isEmpty()) {
            return result.ok("no analyzed " + what + " of database '" + handle.url().database() + "' is estimated "
                    + percent + " % empty space over " + floorMb + " MiB");
        }
        Map<String, Object> worst = bloated.getFirst();
        String name = worst.get(index ? "index" : "table").toString();
        long bytes = bloated.stream().mapToLong(b -> (Long) b.get("bloatBytes")).sum();
        result.evidence(index ? "indexes" : "tables", bloated.subList(0, Math.min(SHOWN, bloated.size())))
                .evidence("bloatBytes", bytes);
        if (index) {
            result.runbook("an index keeps pages emptied by deletes and updates until it is rebuilt: REINDEX INDEX "
                            + "CONCURRENTLY rebuilds it without a lock that stops writes (it needs room for a second "
                            + "copy meanwhile); mass deletes and updates of indexed columns are the usual cause")
                    .fix(Fix.manual("REINDEX INDEX CONCURRENTLY " + name + ";", "nothing to undo: the rebuilt index "
                            + "holds the same entries"));
        } else {
            result.runbook("VACUUM makes the space reusable but never gives it back; when the table will not grow into it, "
                            + "rebuild it online with pg_repack (VACUUM FULL does it too, but locks the table against "
                            + "reads and writes while it runs: the doctor never runs it); then keep autovacuum ahead of "
                            + "the deletes (see dead-tuples)")
                    .fix(Fix.manual("pg_repack --table=" + name + " --dbname=" + handle.url().database(),
                            "nothing to undo: the rebuilt table holds the same rows"));
        }
        return result.finding(Severity.P3, bloated.size() + " " + what + "(s) estimated mostly empty space ("
                + bytes / MIB + " MiB); " + name + " is " + worst.get("bloatPercent") + " % empty ("
                + worst.get("pages") + " pages where " + worst.get("expectedPages") + " would do)");
    }
}
