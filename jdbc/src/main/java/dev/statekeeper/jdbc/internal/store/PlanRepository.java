package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.internal.domain.Timestamps;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.PlanQuery;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.internal.domain.Projects;
import dev.statekeeper.core.internal.error.Errors;
import dev.statekeeper.core.internal.events.Changes;
import dev.statekeeper.core.internal.events.EventDraft;
import dev.statekeeper.jdbc.internal.JsonColumns;
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.Where;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Project plans (project_plans), one per project, listed by project name. */
final class PlanRepository {
    private static final String COLUMNS = "project_name, content, version, created_at, updated_at";

    private final Dialect dialect;
    private final Clock clock;

    PlanRepository(Dialect dialect, Clock clock) {
        this.dialect = dialect;
        this.clock = clock;
    }

    /** Creates the project's plan, or lays the non-null fields of {@code content} over the stored one, adding its
     * event to {@code events}. */
    ProjectPlan put(Connection c, String project, PlanContent content, Long expectedVersion, List<EventDraft> events)
            throws SQLException {
        Optional<ProjectPlan> stored = find(c, project, dialect.forUpdate());
        Instant now = Timestamps.now(clock);
        ProjectPlan next = stored.isEmpty()
                ? new ProjectPlan(project, 1, Projects.planFirstStore(project, content), now, now)
                : new ProjectPlan(project, stored.get().version() + 1, Projects.planUpdate(stored.get().content(), content),
                        stored.get().createdAt(), now);
        Errors.checkDocumentVersion("plan", project, stored.map(ProjectPlan::version).orElse(null), expectedVersion);
        Sql.update(c, """
                INSERT INTO project_plans (project_name, plan_status, content, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_name) DO UPDATE SET plan_status = excluded.plan_status,
                    content = excluded.content, version = excluded.version, updated_at = excluded.updated_at""",
                project, next.content().status().wire(), dialect.json(next.content()), next.version(),
                dialect.time(next.createdAt()), dialect.time(now));
        events.add(Changes.planStored(stored.orElse(null), next));
        return next;
    }

    ProjectPlan get(Connection c, String project) throws SQLException {
        return find(c, project, "").orElseThrow(() -> Errors.planNotFound(project));
    }

    Page<ProjectPlan> list(Connection c, PlanQuery query) throws SQLException {
        Where where = new Where().equal("plan_status", query.status() == null ? null : query.status().wire());
        long total = Sql.number(c, "SELECT count(*) FROM project_plans" + where.sql(), where.params());
        List<ProjectPlan> items = Sql.list(c, "SELECT " + COLUMNS + " FROM project_plans" + where.sql()
                        + " ORDER BY project_name LIMIT ? OFFSET ?", this::map,
                where.params(query.paging().limit(), query.paging().offset()));
        return new Page<>(items, total, query.paging().limit(), query.paging().offset());
    }

    void delete(Connection c, String project) throws SQLException {
        if (Sql.update(c, "DELETE FROM project_plans WHERE project_name = ?", project) == 0) {
            throw Errors.planNotFound(project);
        }
    }

    Optional<ProjectPlan> find(Connection c, String project) throws SQLException {
        return find(c, project, "");
    }

    private Optional<ProjectPlan> find(Connection c, String project, String lock) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM project_plans WHERE project_name = ?" + lock, this::map,
                project);
    }

    private ProjectPlan map(ResultSet row) throws SQLException {
        String project = row.getString("project_name");
        PlanContent content = JsonColumns.read(row.getString("content"), PlanContent.class,
                "plan of project '" + project + "'");
        return new ProjectPlan(project, row.getLong("version"), content, dialect.time(row, "created_at"),
                dialect.time(row, "updated_at"));
    }
}
