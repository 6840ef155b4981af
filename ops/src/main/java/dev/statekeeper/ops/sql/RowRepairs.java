package dev.statekeeper.ops.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The repairs that are safe because they lose nothing a reader could see: delete orphaned rows, number feedback
 * entries 1..n with the matching count, trim the active-loop history to its bound, add a spec's missing current
 * revision from the spec itself. Run inside the caller's write transaction; returns one line per change.
 */
public final class RowRepairs {
    private RowRepairs() {
    }

    public static List<String> apply(Connection c, int historySize) throws SQLException {
        List<String> changes = new ArrayList<>();
        for (Orphans.Kind kind : Orphans.KINDS) {
            changes.addAll(Orphans.delete(c, kind));
        }
        changes.addAll(FeedbackNumbers.repair(c));
        changes.addAll(HistoryBound.repair(c, historySize));
        changes.addAll(SpecChecks.addMissingRevisions(c));
        return changes;
    }
}
