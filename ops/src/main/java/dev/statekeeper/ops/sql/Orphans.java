package dev.statekeeper.ops.sql;

import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.Finding;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows whose parent is gone: feedback, history entries, objective feedback and spec links without their loop,
 * revisions without their spec, links to a missing spec. The schema's foreign keys prevent them, but a raw edit
 * with foreign keys off, or a file copied in the middle of a write, can have them. Repair deletes them: they
 * belong to a record that no longer exists, so nothing can show them.
 */
final class Orphans {
    /** At most this many findings per kind of orphan; the rest are counted in one more. */
    static final int SHOWN = 20;

    /** One foreign key: the rows of {@code child} whose {@code column} names no row of {@code parent}. */
    record Kind(String child, String column, String parent, String parentColumn, String one, String many,
                String relation, String parentNoun) {

        private String missing() {
            return " NOT EXISTS (SELECT 1 FROM " + parent + " p WHERE p." + parentColumn + " = " + child + "." + column + ")";
        }

        /** Each missing parent key with the number of rows that name it. */
        List<Group> groups(Connection c) throws SQLException {
            return Jdbc.list(c, "SELECT " + column + ", count(*) FROM " + child + " WHERE" + missing() + " GROUP BY "
                    + column + " ORDER BY " + column, row -> new Group(row.getObject(1), row.getLong(2)));
        }

        int delete(Connection c, Object key) throws SQLException {
            return Jdbc.update(c, "DELETE FROM " + child + " WHERE " + column + " = ? AND" + missing(), key);
        }

        String describe(long rows, Object key) {
            return Keys.plural(rows, one, many) + " " + relation + " " + parentNoun + " " + Keys.quote(key)
                    + ", which does not exist";
        }
    }

    record Group(Object key, long rows) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("critic_feedback", "loop_id", "loop_states", "id", "feedback entry", "feedback entries", "of", "loop"),
            new Kind("loop_history", "loop_id", "loop_states", "id", "active-loop history entry",
                    "active-loop history entries", "of", "loop"),
            new Kind("objective_feedback", "loop_id", "loop_states", "id", "objective feedback", "objective feedbacks",
                    "of", "loop"),
            new Kind("loop_to_spec_mappings", "loop_id", "loop_states", "id", "spec link", "spec links", "of", "loop"),
            new Kind("loop_to_spec_mappings", "spec_id", "technical_specs", "id", "spec link", "spec links", "to",
                    "spec id"),
            new Kind("spec_revisions", "spec_id", "technical_specs", "id", "revision", "revisions", "of", "spec id"));

    private Orphans() {
    }

    static List<Finding> find(Connection c, Kind kind) throws SQLException {
        List<Group> groups = kind.groups(c);
        List<Finding> findings = new ArrayList<>();
        for (Group g : groups.subList(0, Math.min(SHOWN, groups.size()))) {
            findings.add(Finding.error(Check.ORPHANS,
                    Keys.where(kind.child(), List.of(kind.column()), List.of(g.key())),
                    kind.describe(g.rows(), g.key()),
                    "'statekeeper db verify --repair' deletes " + (g.rows() == 1 ? "it" : "them")));
        }
        if (groups.size() > SHOWN) {
            long rows = groups.subList(SHOWN, groups.size()).stream().mapToLong(Group::rows).sum();
            findings.add(Finding.error(Check.ORPHANS, kind.child(), Keys.plural(rows, kind.one(), kind.many()) + " "
                    + kind.relation() + " " + (groups.size() - SHOWN) + " more missing " + kind.parentNoun()
                    + " values like the ones above", "'statekeeper db verify --repair' deletes them"));
        }
        return findings;
    }

    static List<String> delete(Connection c, Kind kind) throws SQLException {
        List<String> changes = new ArrayList<>();
        for (Group g : kind.groups(c)) {
            int deleted = kind.delete(c, g.key());
            if (deleted > 0) {
                changes.add(kind.child() + ": deleted " + kind.describe(deleted, g.key()));
            }
        }
        return changes;
    }
}
