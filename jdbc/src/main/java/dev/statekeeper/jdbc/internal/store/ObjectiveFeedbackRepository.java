package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.internal.domain.Timestamps;
import dev.statekeeper.core.internal.error.Errors;
import dev.statekeeper.core.internal.events.Changes;
import dev.statekeeper.core.internal.events.EventDraft;
import dev.statekeeper.jdbc.internal.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** A loop's objective feedback (objective_feedback): one text per loop, replaced on every store. */
final class ObjectiveFeedbackRepository {
    private final Dialect dialect;
    private final Clock clock;
    private final LoopRepository loops;

    ObjectiveFeedbackRepository(Dialect dialect, Clock clock, LoopRepository loops) {
        this.dialect = dialect;
        this.clock = clock;
        this.loops = loops;
    }

    /** Stores the loop's objective feedback and adds its event to {@code events}. */
    void put(Connection c, String loopId, String text, List<EventDraft> events) throws SQLException {
        String project = loops.requireForReference(c, loopId);
        Object now = dialect.time(Timestamps.now(clock));
        Sql.update(c, """
                INSERT INTO objective_feedback (loop_id, feedback, created_at, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (loop_id) DO UPDATE SET feedback = excluded.feedback, updated_at = excluded.updated_at""",
                loopId, text, now, now);
        events.add(Changes.objectiveStored(loopId, project, text));
    }

    String get(Connection c, String loopId) throws SQLException {
        loops.require(c, loopId);
        return Sql.first(c, "SELECT feedback FROM objective_feedback WHERE loop_id = ?", row -> row.getString(1), loopId)
                .orElseThrow(() -> Errors.objectiveFeedbackNotFound(loopId));
    }
}
