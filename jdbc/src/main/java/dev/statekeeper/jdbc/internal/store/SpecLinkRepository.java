package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.internal.domain.Timestamps;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.internal.error.Errors;
import dev.statekeeper.core.internal.events.Changes;
import dev.statekeeper.core.internal.events.EventDraft;
import dev.statekeeper.jdbc.internal.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

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

    /**
     * Links the loop to the spec, replacing an earlier link of the loop; adds an event to {@code events} when the link
     * changed (not when the loop was linked to that spec already).
     */
    void link(Connection c, String loopId, String project, String specName, List<EventDraft> events)
            throws SQLException {
        String loopProject = loops.requireForReference(c, loopId);
        SpecRepository.Row spec = specs.requireForReference(c, project, specName);
        long specId = spec.id();
        Optional<Long> before = Sql.first(c, "SELECT spec_id FROM loop_to_spec_mappings WHERE loop_id = ?",
                row -> row.getLong(1), loopId);
        if (before.isEmpty() || before.get() != specId) {
            events.add(Changes.linked(loopId, loopProject, spec.spec().project(), spec.spec().name()));
        }
        Sql.update(c, """
                INSERT INTO loop_to_spec_mappings (loop_id, spec_id, linked_at) VALUES (?, ?, ?)
                ON CONFLICT (loop_id) DO UPDATE SET spec_id = excluded.spec_id, linked_at = excluded.linked_at""",
                loopId, specId, dialect.time(Timestamps.now(clock)));
    }

    /** Removes the loop's link, if it has one, adding its event to {@code events}. */
    void unlink(Connection c, String loopId, List<EventDraft> events) throws SQLException {
        String project = loops.project(c, loopId);
        if (Sql.update(c, "DELETE FROM loop_to_spec_mappings WHERE loop_id = ?", loopId) > 0) {
            events.add(Changes.unlinked(loopId, project));
        }
    }

    Spec specOf(Connection c, String loopId) throws SQLException {
        loops.require(c, loopId);
        return Sql.first(c, "SELECT s.* FROM loop_to_spec_mappings m JOIN technical_specs s ON s.id = m.spec_id "
                        + "WHERE m.loop_id = ?", row -> specs.map(row).spec(), loopId)
                .orElseThrow(() -> Errors.linkNotFound(loopId));
    }
}
