package dev.statekeeper.ops.sql;

import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.Finding;
import dev.statekeeper.ops.Fixes;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Specs against their revisions and roadmaps: every spec's current version is one of its revisions (the store
 * writes both at once; repair copies the current content back as that revision), and a project with specs
 * normally has a roadmap (a warning only: a roadmap is optional).
 */
final class SpecChecks {
    private record Current(long id, String project, String name, long version) {
    }

    private SpecChecks() {
    }

    private static List<Current> withoutCurrentRevision(Connection c) throws SQLException {
        return Jdbc.list(c, """
                SELECT s.id, s.project_name, s.spec_name, s.version FROM technical_specs s
                WHERE s.version >= 1 AND s.iteration >= 0
                  AND NOT EXISTS (SELECT 1 FROM spec_revisions r WHERE r.spec_id = s.id AND r.version = s.version)
                ORDER BY s.id""", row -> new Current(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4)));
    }

    static List<Finding> missingRevisions(Connection c) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        for (Current s : withoutCurrentRevision(c)) {
            findings.add(Finding.error(Check.REVISIONS, where(s), "the spec is at version " + s.version()
                    + " but its revisions lack version " + s.version(),
                    "'statekeeper db verify --repair' adds it from the spec's current content"));
        }
        return findings;
    }

    static List<String> addMissingRevisions(Connection c) throws SQLException {
        List<String> changes = new ArrayList<>();
        for (Current s : withoutCurrentRevision(c)) {
            Jdbc.update(c, """
                    INSERT INTO spec_revisions (spec_id, version, iteration, content, revised_at)
                    SELECT id, version, iteration, content, updated_at FROM technical_specs WHERE id = ?""", s.id());
            changes.add(where(s) + ": added its current version " + s.version() + " to its revisions");
        }
        return changes;
    }

    static List<Finding> projectsWithoutRoadmap(Connection c) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        for (Object[] p : Jdbc.list(c, """
                SELECT s.project_name, count(*) FROM technical_specs s
                WHERE NOT EXISTS (SELECT 1 FROM roadmaps r WHERE r.project_name = s.project_name)
                GROUP BY s.project_name ORDER BY s.project_name""", row -> new Object[] {row.getString(1), row.getLong(2)})) {
            String project = (String) p[0];
            findings.add(Finding.warning(Check.ROADMAP,
                    Keys.where("technical_specs", List.of("project_name"), List.of(project)),
                    "project " + Keys.quote(project) + " has " + Keys.plural((Long) p[1], "spec", "specs") + " but no roadmap",
                    Fixes.storeRoadmap(project)));
        }
        return findings;
    }

    private static String where(Current s) {
        return Keys.where("technical_specs", List.of("project_name", "spec_name"), List.of(s.project(), s.name()));
    }
}
