package dev.statekeeper.doctor.postgres;

import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code missing-fk-indexes}: foreign keys of the database whose columns lead no valid, non-partial index of the
 * referencing table (in any order among the leading columns). Each delete or key update on the referenced table
 * then scans the referencing table to check it, holding locks meanwhile, and joins along the key scan it too. P3,
 * with the CREATE INDEX CONCURRENTLY as a manual fix.
 */
final class MissingFkIndexesCheck extends PostgresCheck {
    private static final int SHOWN = 10;
    private static final String QUERY = """
            SELECT n.nspname, t.relname, f.conname,
                   ARRAY(SELECT a.attname::text FROM unnest(f.conkey) WITH ORDINALITY AS k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
                   f.confrelid::regclass::text, greatest(t.reltuples, 0)::bigint
            FROM pg_constraint f
            JOIN pg_class t ON t.oid = f.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE f.contype = 'f' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND NOT EXISTS (
                  SELECT 1 FROM pg_index i
                  WHERE i.indrelid = f.conrelid AND i.indisvalid AND i.indpred IS NULL
                    AND (i.indkey::int2[])[0:cardinality(f.conkey) - 1] @> f.conkey
                    AND (i.indkey::int2[])[0:cardinality(f.conkey) - 1] <@ f.conkey)
            ORDER BY 6 DESC, 1, 2, 3""";

    MissingFkIndexesCheck() {
        super("missing-fk-indexes", "Foreign keys are indexed", false);
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        List<Map<String, Object>> missing = handle.list(QUERY, r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            List<String> columns = List.of((String[]) r.getArray(4).getArray());
            m.put("table", qualified(r.getString(1), r.getString(2)));
            m.put("constraint", r.getString(3));
            m.put("columns", columns);
            m.put("references", r.getString(5));
            m.put("rowsEstimate", r.getLong(6));
            String index = r.getString(2) + "_" + String.join("_", columns) + "_idx";
            m.put("create", "CREATE INDEX CONCURRENTLY " + ident(index) + " ON " + qualified(r.getString(1),
                    r.getString(2)) + " (" + String.join(", ", columns.stream().map(PostgresCheck::ident).toList()) + ");");
            m.put("drop", "DROP INDEX CONCURRENTLY " + qualified(r.getString(1), index) + ";");
            return m;
        });
        CheckResult.Builder result = CheckResult.of(this).threshold("every foreign key's columns lead an index of its "
                + "table");
        if (missing.isEmpty()) {
            return result.ok("every foreign key of database '" + handle.url().database() + "' is indexed");
        }
        Map<String, Object> first = missing.getFirst();
        Fix fix = Fix.manual(first.get("create").toString(), first.get("drop").toString());
        missing.forEach(m -> m.remove("drop"));
        return result.evidence("foreignKeys", missing.subList(0, Math.min(SHOWN, missing.size())))
                .runbook("without an index on the referencing columns, every delete (or key update) of a referenced "
                        + "row scans the whole referencing table under lock; create the index with CREATE INDEX "
                        + "CONCURRENTLY (no lock that stops writes; if it fails, see invalid-indexes)")
                .fix(fix)
                .finding(Severity.P3, missing.size() + " foreign key(s) without an index: " + first.get("constraint")
                        + " on " + first.get("table") + " (" + String.join(", ", cast(first.get("columns")))
                        + ") references " + first.get("references"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> cast(Object columns) {
        return (List<String>) columns;
    }
}
