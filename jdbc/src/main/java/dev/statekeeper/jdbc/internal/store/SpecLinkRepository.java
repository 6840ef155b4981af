package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.internal.domain.Timestamps;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.internal.error.Errors;
import dev.statekeeper.jdbc.internal.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/** Links from a loop to the spec it works on (loop_to_spec_mappings): at most one per loop. */
final class SpecLinkRepository {
    private final Dialect dialect;
    private final Clock clock;
    private final LoopRepository loops;
    private final SpecRepository specs;

    SpecLinkRepository(Dialect dialect, Clock clock, LoopRepository loops, SpecRepository specs) {
        this.dialect = dialect;
        this.clock = clock;
        this.loops = loops;
        this.specs = specs;
    }

    /** Links the loop to the spec, replacing an earlier link of the loop. */
    void link(Connection c, String loopId, String project, String specName) throws SQLException {
        loops.requireForReference(c, loopId);
        long specId = specs.requireForReference(c, project, specName).id();
        Sql.update(c, """
                INSERT INTO loop_to_spec_mappings (loop_id, spec_id, linked_at) VALUES (?, ?, ?)
                ON CONFLICT (loop_id) DO UPDATE SET spec_id = excluded.spec_id, linked_at = excluded.linked_at""",
                loopId, specId, dialect.time(Timestamps.now(clock)));
    }

    /** Removes the loop's link, if it has one. */
    void unlink(Connection c, String loopId) throws SQLException {
        loops.require(c, loopId);
        Sql.update(c, "DELETE FROM loop_to_spec_mappings WHERE loop_id = ?", loopId);
    }

    Spec specOf(Connection c, String loopId) throws SQLException {
        loops.require(c, loopId);
        return Sql.first(c, "SELECT s.* FROM loop_to_spec_mappings m JOIN technical_specs s ON s.id = m.spec_id "
                        + "WHERE m.loop_id = ?", row -> specs.map(row).spec(), loopId)
                .orElseThrow(() -> Errors.linkNotFound(loopId));
    }
}
