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
 * {@code duplicate-indexes}: valid indexes of one table with the same columns, operator classes, collations,
 * expressions, predicate and access method (and sort orders, for indexes of several columns: a btree over one column
 * is read in either direction): one of them serves every query the others serve (a unique one also serves a plain
 * one's), and each costs every write. Per set, the one to keep is the primary key, else a unique one,
 * else one backing a constraint, else the first by name; the others are the finding. P3, the DROP as a manual fix.
 */
final class DuplicateIndexesCheck extends PostgresCheck {
    private static final int SHOWN = 10;
    private static final String QUERY = """
            WITH idx AS (
                SELECT i.indexrelid, i.indrelid, n.nspname, t.relname AS tablename, ci.relname AS indexname,
                       i.indisprimary, i.indisunique, c.conname, pg_get_indexdef(i.indexrelid) AS definition,
                       pg_relation_size(i.indexrelid) AS bytes,
                       dense_rank() OVER (ORDER BY i.indrelid, i.indkey::text, i.indclass::text, i.indcollation::text,
                           coalesce(pg_get_expr(i.indexprs, i.indrelid), ''),
                           coalesce(pg_get_expr(i.indpred, i.indrelid), ''), ci.relam,
                           CASE WHEN i.indnkeyatts > 1 THEN i.indoption::text END) AS same
                FROM pg_index i
                JOIN pg_class ci ON ci.oid = i.indexrelid
                JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
                WHERE i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname NOT LIKE 'pg_toast%'),
            ranked AS (
                SELECT idx.*, row_number() OVER (PARTITION BY same ORDER BY indisprimary DESC, indisunique DESC,
                           conname IS NOT NULL DESC, indexname) AS place,
                       first_value(indexname) OVER (PARTITION BY same ORDER BY indisprimary DESC, indisunique DESC,
                           conname IS NOT NULL DESC, indexname) AS keeper,
                       count(*) OVER (PARTITION BY same) AS copies
                FROM idx)
            SELECT ranked.nspname, ranked.tablename, ranked.indexname, ranked.keeper, ranked.conname,
                   ranked.definition, ranked.bytes, pg_get_constraintdef(c.oid)
            FROM ranked LEFT JOIN pg_constraint c ON c.conindid = ranked.indexrelid AND c.conrelid = ranked.indrelid
            WHERE copies > 1 AND place > 1
            ORDER BY bytes DESC, 1, 2, 3""";

    DuplicateIndexesCheck() {
        super("duplicate-indexes", "No index duplicates another", false);
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        List<Map<String, Object>> duplicates = handle.list(QUERY, r -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("index", qualified(r.getString(1), r.getString(3)));
            d.put("table", qualified(r.getString(1), r.getString(2)));
            d.put("sameAs", qualified(r.getString(1), r.getString(4)));
            d.put("constraint", r.getString(5));
            d.put("definition", r.getString(6));
            d.put("bytes", r.getLong(7));
            d.put("constraintDefinition", r.getString(8));
            return d;
        });
        CheckResult.Builder result = CheckResult.of(this).threshold("no two valid indexes of a table with the same "
                + "columns, operator classes, expressions and predicate");
        if (duplicates.isEmpty()) {
            return result.ok("no index of database '" + handle.url().database() + "' duplicates another");
        }
        Map<String, Object> first = duplicates.getFirst();
        Object constraint = first.get("constraint");
        Fix fix = constraint == null
                ? Fix.manual("DROP INDEX CONCURRENTLY " + first.get("index") + ";",
                        first.get("definition").toString().replaceFirst("INDEX", "INDEX CONCURRENTLY") + ";")
                : Fix.manual("ALTER TABLE " + first.get("table") + " DROP CONSTRAINT " + ident(constraint.toString()) + ";",
                        "ALTER TABLE " + first.get("table") + " ADD CONSTRAINT " + ident(constraint.toString()) + " "
                                + first.get("constraintDefinition") + ";");
        duplicates.forEach(d -> d.remove("constraintDefinition"));
        return result.evidence("duplicates", duplicates.subList(0, Math.min(SHOWN, duplicates.size())))
                .evidence("bytes", duplicates.stream().mapToLong(d -> (Long) d.get("bytes")).sum())
                .runbook("the kept index serves every query the duplicate serves; drop the duplicate (DROP INDEX "
                        + "CONCURRENTLY takes no lock that stops writes), keeping its definition; when it came from a "
                        + "migration or tool, remove it there too or it comes back")
                .fix(fix)
                .finding(Severity.P3, duplicates.size() + " duplicate index(es): " + first.get("index") + " is the same as "
                        + first.get("sameAs") + " on " + first.get("table"));
    }
}
