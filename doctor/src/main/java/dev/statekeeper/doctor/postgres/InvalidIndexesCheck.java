package dev.statekeeper.doctor.postgres;

import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;
import java.util.List;

/**
 * {@code invalid-indexes}: indexes left invalid ({@code NOT indisvalid}) by a CREATE INDEX CONCURRENTLY or REINDEX
 * CONCURRENTLY that failed (a duplicate for a unique one, a cancel, a deadlock). The planner never uses them but every
 * write still updates them, and an invalid unique index still rejects duplicates. One being built concurrently right
 * now is invalid too until it finishes: an index that pg_stat_progress_create_index names, or whose table is held in
 * SHARE UPDATE EXCLUSIVE mode by a session building an index, is left out. P2. The fix of an index on one of
 * Statekeeper's tables is a REINDEX INDEX CONCURRENTLY, which {@code doctor --fix} runs; others' are the operator's.
 */
final class InvalidIndexesCheck extends PostgresCheck {
    private static final String QUERY = """
            SELECT n.nspname, ci.relname, ct.relname, pg_get_indexdef(i.indexrelid), pg_relation_size(i.indexrelid)
            FROM pg_index i
            JOIN pg_class ci ON ci.oid = i.indexrelid
            JOIN pg_class ct ON ct.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = ci.relnamespace
            WHERE NOT i.indisvalid
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
              AND NOT EXISTS (
                  SELECT 1 FROM pg_stat_progress_create_index p
                  WHERE p.datname = current_database()
                    AND (p.index_relid = i.indexrelid OR EXISTS (
                        SELECT 1 FROM pg_locks l WHERE l.pid = p.pid AND l.locktype = 'relation' AND l.granted
                          AND l.relation = i.indrelid AND l.mode = 'ShareUpdateExclusiveLock')))
            ORDER BY 1, 2""";

    InvalidIndexesCheck() {
        super("invalid-indexes", "No index is left invalid", false);
    }

    /** An invalid index. */
    private record Invalid(String schema, String index, String table, String definition, long bytes) {
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        if (handle.version() < 120000) {
            return needsVersion(CheckResult.of(this), handle, 120000, "pg_stat_progress_create_index");
        }
        List<Invalid> invalid = handle.list(QUERY, r -> new Invalid(r.getString(1), r.getString(2), r.getString(3),
                r.getString(4), r.getLong(5)));
        CheckResult.Builder result = CheckResult.of(this).threshold("no invalid index (pg_index.indisvalid), except "
                + "one being built concurrently right now");
        if (invalid.isEmpty()) {
            return result.ok("every index of database '" + handle.url().database() + "' is valid");
        }
        Invalid first = invalid.getFirst();
        String name = qualified(first.schema, first.index);
        boolean ours = statekeepers(handle, first.schema, first.table);
        result.evidence("indexes", invalid.stream().map(i -> qualified(i.schema, i.index)).toList())
                .evidence("definitions", invalid.stream().map(Invalid::definition).toList())
                .evidence("bytes", invalid.stream().mapToLong(Invalid::bytes).sum())
                .runbook("a CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY failed and left the index behind: the "
                        + "planner ignores it but every write updates it; find why it failed (for a unique index: "
                        + "duplicate values, SELECT the key columns GROUP BY them HAVING count(*) > 1), remove the cause, "
                        + "then rebuild it with REINDEX INDEX CONCURRENTLY (no lock that stops writes), or drop it with "
                        + "DROP INDEX CONCURRENTLY when it is not wanted");
        result.fix(ours ? Fix.safe("REINDEX INDEX CONCURRENTLY " + name + ";", "nothing to undo: the rebuilt index "
                        + "replaces the invalid one; if the rebuild fails, it leaves an invalid " + first.index + "_ccnew to "
                        + "drop (DROP INDEX CONCURRENTLY)")
                : Fix.manual("REINDEX INDEX CONCURRENTLY " + name + ";  -- or DROP INDEX CONCURRENTLY " + name + ";",
                        first.definition.replaceFirst("INDEX", "INDEX CONCURRENTLY") + ";  -- re-creates a dropped one"));
        return result.finding(Severity.P2, invalid.size() + " invalid index(es): " + name + " on " + first.table
                + (invalid.size() > 1 ? " and " + (invalid.size() - 1) + " more" : "") + ": never used by queries, "
                + "still updated by every write");
    }
}
