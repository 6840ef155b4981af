package dev.statekeeper.ops.sql;

import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.Finding;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks of the records themselves, the same SQL on SQLite and PostgreSQL: orphaned rows, values out of
 * their range, feedback numbering, the active-loop history bound, current spec revisions, projects without a
 * roadmap, and the change history against itself and the records ({@link EventChecks}). Each check runs on its own:
 * one that cannot run (a damaged table) is reported and the others go on.
 */
public final class RowChecks {
    /** The work of one check, which may fail to run, e.g. because its table is unreadable. */
    @FunctionalInterface
    private interface Work {
        List<Finding> run() throws SQLException;
    }

    private RowChecks() {
    }

    /**
     * Every finding about the records on {@code c}. {@code unreadableFix} is what to do about a check that could
     * not run (for SQLite: recover the file).
     */
    public static List<Finding> find(Connection c, SqlFlavor sql, int historySize, String unreadableFix) {
        List<Finding> findings = new ArrayList<>();
        for (Orphans.Kind kind : Orphans.KINDS) {
            run(findings, Check.ORPHANS, kind.child() + "." + kind.column(), unreadableFix,
                    () -> Orphans.find(c, kind));
        }
        for (ValueRules.Rule rule : ValueRules.rules(sql)) {
            run(findings, Check.VALUES, rule.table() + "." + rule.column(), unreadableFix, () -> rule.find(c));
        }
        run(findings, Check.FEEDBACK_COUNT, "loop_states.feedback_count", unreadableFix, () -> FeedbackNumbers.find(c));
        run(findings, Check.HISTORY, "loop_history", unreadableFix, () -> HistoryBound.find(c, historySize));
        run(findings, Check.REVISIONS, "spec_revisions", unreadableFix, () -> SpecChecks.missingRevisions(c));
        run(findings, Check.ROADMAP, "roadmaps", unreadableFix, () -> SpecChecks.projectsWithoutRoadmap(c));
        run(findings, Check.EVENTS, "events", unreadableFix,
                () -> EventChecks.present(c, sql) ? EventChecks.sequence(c, sql) : List.of());
        run(findings, Check.EVENTS, "events", unreadableFix,
                () -> EventChecks.present(c, sql) ? EventChecks.records(c) : List.of());
        return findings;
    }

    /** The foreign keys the orphan checks cover, as {@code child -> parent}: the rest are unexpected. */
    public static Set<String> coveredForeignKeys() {
        return Orphans.KINDS.stream().map(k -> k.child() + " -> " + k.parent()).collect(Collectors.toSet());
    }

    private static void run(List<Finding> findings, Check check, String where, String unreadableFix, Work work) {
        try {
            findings.addAll(work.run());
        } catch (SQLException e) {
            findings.add(Finding.error(check, where, "the check could not run: " + e.getMessage(), unreadableFix));
        }
    }
}
