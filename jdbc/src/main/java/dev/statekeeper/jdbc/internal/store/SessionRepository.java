package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.internal.domain.Timestamps;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionQuery;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.core.internal.domain.Retention;
import dev.statekeeper.core.internal.error.Errors;
import dev.statekeeper.jdbc.internal.JsonColumns;
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.Where;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Agent work sessions (sessions), keyed by their unique name. */
final class SessionRepository {
    private static final String COLUMNS = "name, repo_name, repo_url, branch, task_id, status, metadata, created_at, "
            + "updated_at";
    private static final String CLEANABLE = " FROM sessions WHERE status = 'ended' AND updated_at < ?";

    private final Dialect dialect;
    private final Clock clock;

    SessionRepository(Dialect dialect, Clock clock) {
        this.dialect = dialect;
        this.clock = clock;
    }

    Session start(Connection c, NewSession s) throws SQLException {
        Object now = dialect.time(Timestamps.now(clock));
        int inserted = Sql.update(c, "INSERT INTO sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (name) DO NOTHING",
                s.name(), s.repoName(), s.repoUrl(), s.branch(), s.taskId(), SessionStatus.ACTIVE.wire(),
                dialect.json(s.metadata()), now, now);
        if (inserted == 0) {
            throw Errors.duplicateSession(s.name());
        }
        return get(c, s.name());
    }

    Session get(Connection c, String name) throws SQLException {
        return find(c, name).orElseThrow(() -> Errors.sessionNotFound(name));
    }

    Optional<Session> find(Connection c, String name) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM sessions WHERE name = ?", this::map, name);
    }

    Page<Session> list(Connection c, SessionQuery query) throws SQLException {
        Where where = new Where().equal("status", query.status() == null ? null : query.status().wire())
                .equal("repo_name", query.repoName())
                .equal("task_id", query.taskId());
        long total = Sql.number(c, "SELECT count(*) FROM sessions" + where.sql(), where.params());
        List<Session> items = Sql.list(c, "SELECT " + COLUMNS + " FROM sessions" + where.sql()
                        + " ORDER BY created_at DESC, name LIMIT ? OFFSET ?", this::map,
                where.params(query.paging().limit(), query.paging().offset()));
        return new Page<>(items, total, query.paging().limit(), query.paging().offset());
    }

    Session end(Connection c, String name) throws SQLException {
        if (Sql.update(c, "UPDATE sessions SET status = ?, updated_at = ? WHERE name = ?", SessionStatus.ENDED.wire(),
                dialect.time(Timestamps.now(clock)), name) == 0) {
            throw Errors.sessionNotFound(name);
        }
        return get(c, name);
    }

    /** The names of ended sessions last updated before now - olderThan, by name; deleted unless a dry run. */
    List<String> clean(Connection c, Duration olderThan, boolean dryRun) throws SQLException {
        Object cutoff = dialect.time(Retention.cutoff(Timestamps.now(clock), olderThan));
        // one statement, so what is reported is exactly what was removed; sorted here, not by the database's
        // collation, so every backend gives the same order
        List<String> names = Sql.list(c, (dryRun ? "SELECT name" : "DELETE") + CLEANABLE + (dryRun ? "" : " RETURNING name"),
                row -> row.getString(1), cutoff);
        return names.stream().sorted().toList();
    }

    private Session map(ResultSet row) throws SQLException {
        String name = row.getString("name");
        return new Session(name, row.getString("repo_name"), row.getString("repo_url"), row.getString("branch"),
                row.getString("task_id"), SessionStatus.parse(row.getString("status")),
                JsonColumns.stringMap(row.getString("metadata"), "metadata of session '" + name + "'"),
                dialect.time(row, "created_at"), dialect.time(row, "updated_at"));
    }
}
