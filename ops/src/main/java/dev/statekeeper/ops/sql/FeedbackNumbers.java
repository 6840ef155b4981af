package dev.statekeeper.ops.sql;

import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.Finding;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loop's feedback entries are numbered 1..n and its {@code feedback_count} is n: the next entry is appended
 * as n + 1. A count that is off, or a gap in the numbers (an entry deleted by hand or lost to damage), makes the
 * next append collide or skip. Repair numbers the entries 1..n in their order and sets the count to n.
 */
final class FeedbackNumbers {
    private record Loop(String id, long count, long entries, long highest) {
    }

    private FeedbackNumbers() {
    }

    private static List<Loop> broken(Connection c) throws SQLException {
        return Jdbc.list(c, """
                SELECT l.id, l.feedback_count, count(f.seq), coalesce(max(f.seq), 0)
                FROM loop_states l LEFT JOIN critic_feedback f ON f.loop_id = l.id
                GROUP BY l.id, l.feedback_count
                HAVING l.feedback_count <> count(f.seq) OR coalesce(max(f.seq), 0) <> count(f.seq)
                ORDER BY l.id""", row -> new Loop(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4)));
    }

    static List<Finding> find(Connection c) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        for (Loop l : broken(c)) {
            String what = l.count() != l.entries()
                    ? "feedback_count is " + l.count() + " but the loop has " + Keys.plural(l.entries(), "feedback entry", "feedback entries")
                    : "its " + Keys.plural(l.entries(), "feedback entry is", "feedback entries are") + " numbered up to "
                            + l.highest() + ": entries are missing in between";
            findings.add(Finding.error(Check.FEEDBACK_COUNT,
                    Keys.where("loop_states", List.of("id"), List.of(l.id())), what,
                    "'statekeeper db verify --repair' numbers the entries 1.." + l.entries() + " in their order and sets "
                            + "feedback_count to " + l.entries()));
        }
        return findings;
    }

    /** Renumbers in ascending order, so each new number is free when it is taken. */
    static List<String> repair(Connection c) throws SQLException {
        List<String> changes = new ArrayList<>();
        for (Loop l : broken(c)) {
            List<Long> numbers = Jdbc.list(c, "SELECT seq FROM critic_feedback WHERE loop_id = ? ORDER BY seq",
                    row -> row.getLong(1), l.id());
            boolean renumbered = false;
            for (int i = 0; i < numbers.size(); i++) {
                if (numbers.get(i) != i + 1) {
                    Jdbc.update(c, "UPDATE critic_feedback SET seq = ? WHERE loop_id = ? AND seq = ?", i + 1, l.id(),
                            numbers.get(i));
                    renumbered = true;
                }
            }
            Jdbc.update(c, "UPDATE loop_states SET feedback_count = ? WHERE id = ?", numbers.size(), l.id());
            changes.add("loop_states id=" + Keys.quote(l.id()) + ": feedback_count " + l.count() + " -> " + numbers.size()
                    + (renumbered ? ", its feedback entries renumbered 1.." + numbers.size() : ""));
        }
        return changes;
    }
}
