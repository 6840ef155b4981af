package dev.statekeeper.ops.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The repairs that are safe because they lose nothing a reader could see: delete orphaned rows, number feedback
 * entries 1..n with the matching count, trim the active-loop history to its bound, add a spec's missing current
 * revision from the spec itself, add the change history's counter row, and where it numbers every write raise it to
 * the newest event's number (so that no number is given twice). Run inside the caller's write transaction; returns
 * one line per change.
 */
public final class RowRepairs {
    private RowRepairs() {
    }

    public static List<String> apply(Connection c, SqlFlavor sql, int historySize) throws SQLException {
        List<String> changes = new ArrayList<>();
        for (Orphans.Kind kind : Orphans.KINDS) {
            changes.addAll(Orphans.delete(c, kind));
        }
        changes.addAll(FeedbackNumbers.repair(c));
        changes.addAll(HistoryBound.repair(c, historySize));
        changes.addAll(SpecChecks.addMissingRevisions(c));
        changes.addAll(eventSequence(c, sql));
        return changes;
    }

    /**
     * The one row of {@code event_sequence} (missing after a recovery that could not read it), added at the newest
     * event's sequence; where it numbers every write ({@link SqlFlavor#counterNumbersWrites}) a row behind the newest
     * event is raised to it.
     */
    static List<String> eventSequence(Connection c, SqlFlavor sql) throws SQLException {
        long newest = Jdbc.number(c, "SELECT coalesce(max(sequence), 0) FROM events");
        List<Long> kept = Jdbc.list(c, "SELECT last_sequence FROM event_sequence", row -> row.getLong(1));
        if (kept.isEmpty()) {
            Jdbc.update(c, "INSERT INTO event_sequence (id, last_sequence) VALUES (1, ?)", newest);
            return List.of("event_sequence: missing -> last_sequence " + newest);
        }
        if (sql.counterNumbersWrites() && kept.getFirst() < newest) {
            Jdbc.update(c, "UPDATE event_sequence SET last_sequence = ?", newest);
            return List.of("event_sequence: last_sequence " + kept.getFirst() + " -> " + newest);
        }
        return List.of();
    }
}
