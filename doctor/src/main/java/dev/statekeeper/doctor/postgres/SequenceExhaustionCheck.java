package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sequence-exhaustion}: how much of its range each sequence of the database has used, from its last value
 * (pg_sequences), where the range ends at the sequence's own maximum or at its column's type when that is smaller (a
 * bigint sequence feeding an integer column fails at 2^31 - 1). P2 from STATEKEEPER_DOCTOR_PG_SEQUENCE_PERCENT, P1
 * from STATEKEEPER_DOCTOR_PG_SEQUENCE_CRITICAL_PERCENT: when it is used up every insert fails. CYCLE sequences never
 * run out; sequences the role may not read are counted, not judged.
 */
final class SequenceExhaustionCheck extends PostgresCheck {
    private static final int SHOWN = 10;
    private static final String QUERY = """
            SELECT s.schemaname, s.sequencename, s.last_value, s.min_value, s.max_value, s.increment_by,
                   col.typname, col.owner, has_sequence_privilege(c.oid, 'SELECT, USAGE')
            FROM pg_sequences s
            JOIN pg_namespace n ON n.nspname = s.schemaname
            JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = s.sequencename
            LEFT JOIN LATERAL (
                SELECT t.typname, d.refobjid::regclass::text || '.' || quote_ident(a.attname) AS owner
                FROM pg_depend d
                JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                JOIN pg_type t ON t.oid = a.atttypid
                WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
                  AND d.deptype IN ('a', 'i')
                LIMIT 1) col ON true
            WHERE NOT s.cycle""";

    SequenceExhaustionCheck() {
        super("sequence-exhaustion", "No sequence is running out of values", true);
    }

    /** A sequence and how much of its range it has used. */
    private record Used(String name, String column, String columnType, long last, long limit, double percent) {
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        int warn = context.integer(Setting.DOCTOR_PG_SEQUENCE_PERCENT);
        int critical = context.integer(Setting.DOCTOR_PG_SEQUENCE_CRITICAL_PERCENT);
        int[] unreadable = {0};
        List<Used> all = handle.list(QUERY, r -> {
            if (!r.getBoolean(9)) {
                unreadable[0]++;
                return null;
            }
            long last = r.getObject(3) != null ? r.getLong(3) : r.getLong(6) > 0 ? r.getLong(4) : r.getLong(5); // unused
            return used(qualified(r.getString(1), r.getString(2)), r.getString(8), r.getString(7), last,
                    r.getLong(4), r.getLong(5), r.getLong(6));
        });
        List<Used> sorted = all.stream().filter(u -> u != null).sorted((a, b) -> Double.compare(b.percent, a.percent))
                .toList();
        CheckResult.Builder result = CheckResult.of(this).evidence("sequences", sorted.size())
                .evidence("unreadable", unreadable[0])
                .threshold("every sequence < " + warn + " % used (" + context.named(Setting.DOCTOR_PG_SEQUENCE_PERCENT)
                        + "; P1 from " + critical + " %, " + context.named(Setting.DOCTOR_PG_SEQUENCE_CRITICAL_PERCENT) + ")");
        List<Used> over = sorted.stream().filter(u -> u.percent >= Math.min(warn, critical)).toList();
        if (over.isEmpty()) {
            return result.ok(sorted.isEmpty() ? "the database has no sequence this role can read"
                    : "the fullest sequence, " + sorted.getFirst().name + ", has used " + sorted.getFirst().percent
                            + " % of its range");
        }
        Used worst = over.getFirst();
        result.evidence("nearlyUsedUp", over.stream().limit(SHOWN).map(SequenceExhaustionCheck::evidence).toList());
        boolean columnLimits = worst.columnType != null && !worst.columnType.equals("int8");
        return result.runbook("when a sequence is used up every insert that takes its next value fails: "
                        + (columnLimits ? "its column " + worst.column + " is " + worst.columnType + ": widen it to "
                                + "bigint (ALTER TABLE ... ALTER COLUMN ... TYPE bigint rewrites the table under an "
                                + "exclusive lock: plan a maintenance window, or add a bigint column and backfill it), "
                                + "then the sequence"
                                : "raise its MAXVALUE, to bigint's maximum when it is smaller")
                        + "; look for what consumes values fast (failed inserts and rollbacks use them up too)")
                .fix(Fix.manual(columnLimits ? "ALTER TABLE " + table(worst.column) + " ALTER COLUMN " + columnName(worst.column)
                                + " TYPE bigint; ALTER SEQUENCE " + worst.name + " AS bigint MAXVALUE 9223372036854775807;"
                                : "ALTER SEQUENCE " + worst.name + " AS bigint MAXVALUE 9223372036854775807;",
                        "ALTER SEQUENCE " + worst.name + " MAXVALUE " + worst.limit + "; (a column widened to bigint is "
                                + "not narrowed back)"))
                .finding(worst.percent >= critical ? Severity.P1 : Severity.P2, over.size() + " sequence(s) nearly "
                        + "used up; " + worst.name + " is at " + worst.last + " of " + worst.limit + " (" + worst.percent
                        + " %)");
    }

    private static Used used(String name, String column, String type, long last, long min, long max, long step) {
        long typeMax = "int2".equals(type) ? Short.MAX_VALUE : "int4".equals(type) ? Integer.MAX_VALUE : Long.MAX_VALUE;
        long typeMin = "int2".equals(type) ? Short.MIN_VALUE : "int4".equals(type) ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long high = Math.min(max, typeMax);
        long low = Math.max(min, typeMin);
        BigDecimal span = BigDecimal.valueOf(high).subtract(BigDecimal.valueOf(low));
        BigDecimal done = step > 0 ? BigDecimal.valueOf(last).subtract(BigDecimal.valueOf(low))
                : BigDecimal.valueOf(high).subtract(BigDecimal.valueOf(last));
        double percent = span.signum() == 0 ? 100.0 : done.multiply(BigDecimal.valueOf(1000))
                .divide(span, MathContext.DECIMAL64).setScale(0, java.math.RoundingMode.HALF_UP).doubleValue() / 10.0;
        return new Used(name, column, type, last, step > 0 ? high : low, percent);
    }

    private static Map<String, Object> evidence(Used u) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("sequence", u.name);
        e.put("column", u.column);
        e.put("columnType", u.columnType);
        e.put("lastValue", u.last);
        e.put("limit", u.limit);
        e.put("percent", u.percent);
        return e;
    }

    private static String table(String column) {
        return column.substring(0, column.lastIndexOf('.'));
    }

    private static String columnName(String column) {
        return column.substring(column.lastIndexOf('.') + 1);
    }
}
