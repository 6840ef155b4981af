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
 * {@code xid-wraparound} and {@code mxid-wraparound}: the age of the oldest unfrozen transaction id
 * ({@code age(datfrozenxid)}) or multixact id ({@code mxid_age(datminmxid)}) of every database of the server, as
 * the ids are shared by all of them. Autovacuum freezes a table once its age passes
 * {@code autovacuum_freeze_max_age} ({@code autovacuum_multixact_freeze_max_age}); an age well past it
 * (STATEKEEPER_DOCTOR_PG_FREEZE_AGE_PERCENT of it) means freezing is not keeping up: P2. PostgreSQL tells 2^31 ids
 * apart; P1 from STATEKEEPER_DOCTOR_PG_WRAPAROUND_PERCENT of them, P0 within 3 million of the end, where it refuses
 * to assign new ones (every write fails). Reads pg_database and pg_class only: no privilege needed.
 */
final class WraparoundCheck extends PostgresCheck {
    static final long IDS = 1L << 31;
    static final long STOP_MARGIN = 3_000_000;

    private final String ageOf;
    private final String tableAge;
    private final String setting;
    private final String kind;

    private WraparoundCheck(String id, String title, String ageOf, String tableAge, String setting, String kind) {
        super(id, title, true);
        this.ageOf = ageOf;
        this.tableAge = tableAge;
        this.setting = setting;
        this.kind = kind;
    }

    static WraparoundCheck transactionIds() {
        return new WraparoundCheck("xid-wraparound", "Transaction ids are far from wraparound", "age(datfrozenxid)",
                "age(c.relfrozenxid)", "autovacuum_freeze_max_age", "transaction id");
    }

    static WraparoundCheck multixactIds() {
        return new WraparoundCheck("mxid-wraparound", "Multixact ids are far from wraparound", "mxid_age(datminmxid)",
                "mxid_age(c.relminmxid)", "autovacuum_multixact_freeze_max_age", "multixact id");
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        long freezeMax = handle.number("SELECT current_setting('" + setting + "')::bigint");
        Map<String, Long> ages = new LinkedHashMap<>();
        handle.list("SELECT datname, " + ageOf + "::bigint FROM pg_database ORDER BY 2 DESC, 1 LIMIT 3",
                r -> ages.put(r.getString(1), r.getLong(2)));
        String database = ages.keySet().iterator().next();
        long age = ages.get(database);
        int freezePercent = context.integer(Setting.DOCTOR_PG_FREEZE_AGE_PERCENT);
        int wrapPercent = context.integer(Setting.DOCTOR_PG_WRAPAROUND_PERCENT);
        double ofFreeze = Math.round(age * 1000.0 / Math.max(1, freezeMax)) / 10.0;
        double ofWrap = Math.round(age * 1000.0 / IDS) / 10.0;
        CheckResult.Builder result = CheckResult.of(this).evidence("oldestDatabase", database).evidence("age", age)
                .evidence(setting, freezeMax).evidence("percentOfFreezeMaxAge", ofFreeze)
                .evidence("percentOfWraparound", ofWrap).evidence("databases", ages)
                .threshold("age < " + freezePercent + " % of " + setting + " ("
                        + context.named(Setting.DOCTOR_PG_FREEZE_AGE_PERCENT) + "); P1 from " + wrapPercent + " % of 2^31 ("
                        + context.named(Setting.DOCTOR_PG_WRAPAROUND_PERCENT) + "); P0 within " + STOP_MARGIN
                        + " of 2^31");
        String said = "the oldest unfrozen " + kind + " of database '" + database + "' is " + age + " old (" + ofFreeze
                + " % of " + setting + ", " + ofWrap + " % of the way to wraparound)";
        if (age < IDS - STOP_MARGIN && ofWrap < wrapPercent && age * 100 < (long) freezePercent * freezeMax) {
            return result.ok(said);
        }
        List<String> tables = handle.list("SELECT c.oid::regclass::text, " + tableAge + "::bigint FROM pg_class c WHERE "
                + "c.relkind IN ('r', 'm', 't') ORDER BY 2 DESC, 1 LIMIT 3", r -> r.getString(1) + " (" + r.getLong(2) + ")");
        result.evidence("oldestTablesHere", tables);
        Severity severity = age >= IDS - STOP_MARGIN ? Severity.P0 : ofWrap >= wrapPercent ? Severity.P1 : Severity.P2;
        String oldest = tables.isEmpty() ? "<table>" : tables.getFirst().substring(0, tables.getFirst().lastIndexOf(" ("));
        return result.runbook("autovacuum cannot freeze fast enough or something holds the horizon back: look for "
                        + "long transactions and sessions idle in transaction (pg_stat_activity.backend_xmin), prepared "
                        + "transactions (pg_prepared_xacts) and abandoned replication slots (pg_replication_slots), and "
                        + "end them; then freeze the oldest tables of '" + database + "' (vacuumdb --freeze --min-"
                        + (kind.startsWith("multi") ? "mxid" : "xid") + "-age=" + freezeMax + " -d " + database
                        + "), fastest with more maintenance_work_mem and autovacuum workers")
                .fix(Fix.manual(database.equals(handle.url().database()) ? "VACUUM (FREEZE, VERBOSE) " + oldest + ";"
                        : "vacuumdb --freeze --verbose -d " + database, "nothing to undo: freezing changes no row's data"))
                .finding(severity, said + (severity == Severity.P0 ? ": PostgreSQL is about to refuse every write" : ""));
    }
}
