package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code unused-indexes}: indexes of the database never scanned since the statistics were last reset, of at least
 * STATEKEEPER_DOCTOR_PG_UNUSED_INDEX_MIN_MB; every write still updates them. Never a primary key, unique or exclusion
 * index, one backing any constraint, or one whose leading columns are a foreign key's (it serves the key's checks
 * on the referenced table's deletes, which scan no index statistics count). Zero scans mean something only over a
 * long enough window: skipped while the statistics cover less than STATEKEEPER_DOCTOR_PG_UNUSED_INDEX_WINDOW (since
 * pg_stat_database.stats_reset, or the server's start when never reset), and on a standby, whose statistics count
 * only its own scans. P3, with the DROP as a manual fix and the index's definition as its undo.
 */
final class UnusedIndexesCheck extends PostgresCheck {
    private static final int SHOWN = 10;
    private static final long MIB = 1024 * 1024;
    private static final String QUERY = """
            SELECT s.schemaname, s.relname, s.indexrelname, pg_relation_size(s.indexrelid), pg_get_indexdef(s.indexrelid)
            FROM pg_stat_user_indexes s
            JOIN pg_index i ON i.indexrelid = s.indexrelid
            WHERE s.idx_scan = 0 AND i.indisvalid AND NOT i.indisprimary AND NOT i.indisunique AND NOT i.indisexclusion
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
              AND NOT EXISTS (
                  SELECT 1 FROM pg_constraint f
                  WHERE f.contype = 'f' AND f.conrelid = i.indrelid
                    AND (i.indkey::int2[])[0:cardinality(f.conkey) - 1] @> f.conkey
                    AND (i.indkey::int2[])[0:cardinality(f.conkey) - 1] <@ f.conkey)
              AND pg_relation_size(s.indexrelid) >= ?
            ORDER BY 4 DESC, 1, 3""";

    UnusedIndexesCheck() {
        super("unused-indexes", "Every index is used", false);
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        Duration window = context.seconds(Setting.DOCTOR_PG_UNUSED_INDEX_WINDOW);
        int floorMb = context.integer(Setting.DOCTOR_PG_UNUSED_INDEX_MIN_MB);
        CheckResult.Builder result = CheckResult.of(this).threshold("no index of " + floorMb + " MiB or more without "
                + "a scan in statistics covering " + SessionAgeCheck.seconds(window) + " s or more ("
                + context.named(Setting.DOCTOR_PG_UNUSED_INDEX_MIN_MB) + ", "
                + context.named(Setting.DOCTOR_PG_UNUSED_INDEX_WINDOW) + ")");
        if (handle.number("SELECT pg_is_in_recovery()::int") == 1) {
            return result.skipped("the server is a standby: its statistics count only its own scans, not the "
                    + "primary's; run the doctor on the primary");
        }
        Map<String, Object> since = handle.first("SELECT coalesce(stats_reset, pg_postmaster_start_time())::text, "
                + "EXTRACT(EPOCH FROM now() - coalesce(stats_reset, pg_postmaster_start_time()))::float8, "
                + "stats_reset IS NULL FROM pg_stat_database WHERE datname = current_database()", r -> Map.<String, Object>of(
                        "since", r.getString(1), "seconds", r.getDouble(2), "neverReset", r.getBoolean(3))).orElseThrow();
        result.evidence("statisticsSince", since.get("since")).evidence("statisticsSeconds",
                Math.round((Double) since.get("seconds")));
        if ((Double) since.get("seconds") * 1000 < window.toMillis()) {
            return result.skipped("not enough data: the index statistics cover only " + Math.round((Double) since.get(
                    "seconds")) + " s (since " + ((Boolean) since.get("neverReset") ? "the server started" : "they were "
                    + "reset") + " at " + since.get("since") + "), less than "
                    + context.named(Setting.DOCTOR_PG_UNUSED_INDEX_WINDOW));
        }
        List<Map<String, Object>> unused = handle.list(QUERY, r -> {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("index", qualified(r.getString(1), r.getString(3)));
            i.put("table", qualified(r.getString(1), r.getString(2)));
            i.put("bytes", r.getLong(4));
            i.put("definition", r.getString(5));
            i.put("statekeepers", statekeepers(handle, r.getString(1), r.getString(2)));
            return i;
        }, floorMb * MIB);
        if (unused.isEmpty()) {
            return result.ok("every index of database '" + handle.url().database() + "' of " + floorMb + " MiB or more "
                    + "was scanned since " + since.get("since"));
        }
        long bytes = unused.stream().mapToLong(i -> (Long) i.get("bytes")).sum();
        Map<String, Object> first = unused.getFirst();
        return result.evidence("indexes", unused.size()).evidence("bytes", bytes)
                .evidence("largest", unused.subList(0, Math.min(SHOWN, unused.size())))
                .runbook("an index no query used in this window still costs every write and its disk space; check that "
                        + "the window covers every workload (monthly jobs, failovers) and, on a cluster, the standbys "
                        + "(their scans are counted there); Statekeeper's own indexes (statekeepers: true) serve "
                        + "operations that may not have run yet: keep them; drop the others with DROP INDEX "
                        + "CONCURRENTLY, keeping the definition to re-create one")
                .fix(Fix.manual("DROP INDEX CONCURRENTLY " + first.get("index") + ";",
                        first.get("definition").toString().replaceFirst("INDEX", "INDEX CONCURRENTLY") + ";"))
                .finding(Severity.P3, unused.size() + " index(es) never scanned since " + since.get("since") + " ("
                        + bytes / MIB + " MiB); the largest is " + first.get("index"));
    }
}
