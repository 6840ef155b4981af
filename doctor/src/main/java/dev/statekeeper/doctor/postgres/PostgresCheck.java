package dev.statekeeper.doctor.postgres;

import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckResult;

import java.util.List;

/** What the PostgreSQL checks share: their id, title and cost, and the skipped results they have in common. */
abstract class PostgresCheck implements Check<PostgresHandle> {
    /** Statekeeper's tables (its migrations'), in the schema the doctor's connection uses. */
    static final List<String> STATEKEEPER_TABLES = List.of("loop_states", "critic_feedback", "loop_history",
            "objective_feedback", "technical_specs", "spec_revisions", "loop_to_spec_mappings", "roadmaps",
            "project_plans", "sessions", "maintenance_log", "operation_minutes", "slow_operations", "events",
            "event_sequence", "request_keys", "flyway_schema_history");

    private final String id;
    private final String title;
    private final boolean cheap;

    PostgresCheck(String id, String title, boolean cheap) {
        this.id = id;
        this.title = title;
        this.cheap = cheap;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final boolean cheap() {
        return cheap;
    }

    /** Skipped: the role may not see what the check reads; the GRANT that lets it. */
    static CheckResult needsMonitor(CheckResult.Builder result, PostgresHandle handle, String what) {
        return result.skipped("the role '" + handle.role() + "' may not read " + what + " (it needs pg_read_all_stats); "
                + "a superuser can let it: GRANT pg_monitor TO " + ident(handle.role()) + ";");
    }

    /** Skipped: the server is older than the check needs. */
    static CheckResult needsVersion(CheckResult.Builder result, PostgresHandle handle, int version, String what) {
        return result.skipped("PostgreSQL " + display(handle.version()) + " has no " + what + " (it needs "
                + display(version) + " or later)");
    }

    /** Whether {@code table} (unqualified, in the handle's schema) is one of Statekeeper's tables. */
    static boolean statekeepers(PostgresHandle handle, String schema, String table) {
        return schema.equals(handle.schema()) && STATEKEEPER_TABLES.contains(table);
    }

    /** An identifier quoted when it needs it. */
    static String ident(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A table or index as {@code schema.name}, quoted where needed. */
    static String qualified(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    /** 160010 as "16.10", 90624 as "9.6.24". */
    static String display(int version) {
        return version >= 100000 ? version / 10000 + "." + version % 10000
                : version / 10000 + "." + version / 100 % 100 + "." + version % 100;
    }
}
