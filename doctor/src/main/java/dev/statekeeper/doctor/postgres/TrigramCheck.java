package dev.statekeeper.doctor.postgres;

import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code pg-trgm}: the pg_trgm extension is installed and Statekeeper's trigram index over spec names is there
 * (idx_specs_project_name_search, with btree_gin; or V2's idx_specs_name_search), valid. Without them fuzzy and
 * substring spec resolve still work, but read every spec name of a project and rank them in Java: P3.
 */
final class TrigramCheck extends PostgresCheck {
    static final String INDEX = "idx_specs_project_name_search";
    static final String NAME_INDEX = "idx_specs_name_search";

    TrigramCheck() {
        super("pg-trgm", "Fuzzy spec search has pg_trgm and its index", true);
    }

    @Override
    public CheckResult run(PostgresHandle handle, CheckContext context) throws SQLException {
        CheckResult.Builder result = CheckResult.of(this).threshold("pg_trgm installed and " + INDEX + " (or "
                + NAME_INDEX + ") valid on technical_specs");
        String specs = qualified(handle.schema(), "technical_specs");
        if (handle.text("SELECT to_regclass(?)::text", specs) == null) {
            return result.skipped("Statekeeper's tables are not in schema '" + handle.schema() + "' yet ('statekeeper "
                    + "init' creates them)");
        }
        Optional<String[]> trgm = handle.first("SELECT n.nspname, e.extversion FROM pg_extension e JOIN pg_namespace n ON "
                + "n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'", r -> new String[] {r.getString(1), r.getString(2)});
        if (trgm.isEmpty()) {
            return result.evidence("pgTrgm", "absent")
                    .runbook("a superuser, or a role with CREATE on the database (pg_trgm is a trusted extension), "
                            + "installs it; the store then creates its trigram index the next time it opens (with "
                            + "STATEKEEPER_AUTO_MIGRATE=true), or create it with the statement pg-trgm then names")
                    .fix(Fix.manual("CREATE EXTENSION IF NOT EXISTS pg_trgm;", "DROP EXTENSION pg_trgm;  -- after "
                            + "dropping the trigram index"))
                    .finding(Severity.P3, "pg_trgm is not installed in database '" + handle.url().database() + "': "
                            + "fuzzy spec resolve reads every spec name of a project and ranks them in Java");
        }
        result.evidence("pgTrgm", trgm.get()[1]).evidence("extensionSchema", trgm.get()[0]);
        Optional<String> index = handle.first("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE i.indrelid = to_regclass(?) AND i.indisvalid AND c.relname IN (?, ?) ORDER BY c.relname = ? DESC",
                r -> r.getString(1), specs, INDEX, NAME_INDEX, INDEX);
        if (index.isPresent()) {
            return result.evidence("index", index.get()).ok("pg_trgm " + trgm.get()[1] + " is installed and the trigram "
                    + "index " + index.get() + " serves fuzzy spec resolve");
        }
        boolean btreeGin = handle.number("SELECT count(*) FROM pg_extension WHERE extname = 'btree_gin'") > 0;
        String name = btreeGin ? INDEX : NAME_INDEX;
        String opclass = qualified(trgm.get()[0], "gin_trgm_ops");
        return result.evidence("index", "absent")
                .runbook("pg_trgm was installed after the schema was created, or the index was dropped or left "
                        + "invalid: the store creates it when it next opens with STATEKEEPER_AUTO_MIGRATE=true, or "
                        + "create it now (CONCURRENTLY: no lock that stops writes)")
                .fix(Fix.manual("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + name + " ON " + specs + " USING gin ("
                                + (btreeGin ? "project_name, " : "") + "spec_name " + opclass + ");",
                        "DROP INDEX CONCURRENTLY " + qualified(handle.schema(), name) + ";"))
                .finding(Severity.P3, "the trigram index over spec names is missing: fuzzy spec resolve reads every "
                        + "spec name of a project");
    }
}
