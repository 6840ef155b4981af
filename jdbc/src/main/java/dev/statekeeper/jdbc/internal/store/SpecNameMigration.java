package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.internal.domain.SpecRenames;
import dev.statekeeper.jdbc.internal.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The part of the migration to Unicode spec names that both databases share: renames, in the migration's
 * transaction, the specs stored under the name an earlier version gave their title ("über" stored as "ber")
 * to the name their title has now, as {@link SpecRenames} plans it, and logs each spec that keeps its name.
 * Revisions and loop links refer to a spec by its row id, so they follow.
 */
public final class SpecNameMigration {
    private static final Logger LOG = LoggerFactory.getLogger(SpecNameMigration.class);

    private SpecNameMigration() {
    }

    /** @param title the SQL expression of a technical_specs row's title, e.g. {@code content->>'title'} */
    public static void run(Connection c, String title) throws SQLException {
        List<SpecRenames.Stored> stored = Sql.list(c, "SELECT project_name, spec_name, " + title
                        + " FROM technical_specs ORDER BY id",
                row -> new SpecRenames.Stored(row.getString(1), row.getString(2), row.getString(3)));
        SpecRenames.Plan plan = SpecRenames.plan(stored);
        for (SpecRenames.Rename r : plan.renames()) {
            Sql.update(c, "UPDATE technical_specs SET spec_name = ? WHERE project_name = ? AND spec_name = ?",
                    r.to(), r.project(), r.from());
            LOG.info("spec '{}' of project '{}' is now '{}' (spec names keep letters beyond a-z)", r.from(),
                    r.project(), r.to());
        }
        plan.kept().forEach(k -> LOG.warn("{}; it is still found by its name and its title", k.describe()));
    }
}
