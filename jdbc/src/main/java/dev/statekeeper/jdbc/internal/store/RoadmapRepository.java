package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.internal.domain.Timestamps;
import dev.statekeeper.core.internal.domain.Projects;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.internal.error.Errors;
import dev.statekeeper.core.internal.events.Changes;
import dev.statekeeper.core.internal.events.EventDraft;
import dev.statekeeper.jdbc.internal.JsonColumns;
import dev.statekeeper.jdbc.internal.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Roadmaps (roadmaps), one per project, read together with the project's specs in creation order. */
final class RoadmapRepository {
    private final Dialect dialect;
    private final Clock clock;
    private final SpecRepository specs;

    RoadmapRepository(Dialect dialect, Clock clock, SpecRepository specs) {
        this.dialect = dialect;
        this.clock = clock;
        this.specs = specs;
    }

    /** Creates the project's roadmap, or lays the non-null fields of {@code content} over the stored one, adding its
     * event to {@code events}. */
    Roadmap put(Connection c, String project, RoadmapContent content, Long expectedVersion, List<EventDraft> events)
            throws SQLException {
        Optional<Roadmap> stored = find(c, project, dialect.forUpdate());
        Instant now = Timestamps.now(clock);
        Roadmap next = stored.isEmpty()
                ? new Roadmap(project, 1, Projects.roadmapFirstStore(project, content), List.of(), now, now)
                : new Roadmap(project, stored.get().version() + 1,
                        Projects.roadmapUpdate(stored.get().content(), content), List.of(), stored.get().createdAt(), now);
        Errors.checkDocumentVersion("roadmap", project, stored.map(Roadmap::version).orElse(null), expectedVersion);
        Sql.update(c, """
                INSERT INTO roadmaps (project_name, roadmap_status, content, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_name) DO UPDATE SET roadmap_status = excluded.roadmap_status,
                    content = excluded.content, version = excluded.version, updated_at = excluded.updated_at""",
                project, next.content().status().wire(), dialect.json(next.content()), next.version(),
                dialect.time(next.createdAt()), dialect.time(now));
        events.add(Changes.roadmapStored(stored.orElse(null), next));
        return withSpecs(c, next);
    }

    Roadmap get(Connection c, String project) throws SQLException {
        return withSpecs(c, find(c, project, "").orElseThrow(() -> Errors.roadmapNotFound(project)));
    }

    private Roadmap withSpecs(Connection c, Roadmap roadmap) throws SQLException {
        return new Roadmap(roadmap.project(), roadmap.version(), roadmap.content(), specs.ofProject(c, roadmap.project()),
                roadmap.createdAt(), roadmap.updatedAt());
    }

    private Optional<Roadmap> find(Connection c, String project, String lock) throws SQLException {
        return Sql.first(c, "SELECT content, version, created_at, updated_at FROM roadmaps WHERE project_name = ?" + lock,
                row -> map(row, project), project);
    }

    private Roadmap map(ResultSet row, String project) throws SQLException {
        RoadmapContent content = JsonColumns.read(row.getString("content"), RoadmapContent.class,
                "roadmap of project '" + project + "'");
        return new Roadmap(project, row.getLong("version"), content, List.of(), dialect.time(row, "created_at"),
                dialect.time(row, "updated_at"));
    }
}
