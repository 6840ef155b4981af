package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.internal.domain.Timestamps;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.core.domain.SpecQuery;
import dev.statekeeper.core.internal.domain.SpecResolver;
import dev.statekeeper.core.internal.domain.Specs;
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

/**
 * Technical specs: the current version in technical_specs, every version (the current one included) in
 * spec_revisions. Names are normalized before every lookup, so "User Auth" finds {@code user-auth}.
 */
final class SpecRepository {
    private static final String COLUMNS = "s.id, s.project_name, s.spec_name, s.iteration, s.version, s.content, "
            + "s.created_at, s.updated_at";

    /** A stored spec with its row id, which revisions and loop links refer to. */
    record Row(long id, Spec spec) {
    }

    private final Dialect dialect;
    private final Clock clock;

    SpecRepository(Dialect dialect, Clock clock) {
        this.dialect = dialect;
        this.clock = clock;
    }

    /**
     * Creates the spec named by the title, or updates it when the project already has it; adds its event to
     * {@code events}.
     */
    Spec put(Connection c, String project, SpecContent content, List<EventDraft> events) throws SQLException {
        SpecContent complete = Specs.forFirstStore(project, content);
        if (SpecName.lookups(complete.title()).size() > 1) { // a spec stored by an earlier version may have the title
            Optional<Row> stored = find(c, project, complete.title(), dialect.forUpdate());
            if (stored.isPresent()) {
                return update(c, stored.get(), content, null, events);
            }
        }
        String name = SpecName.normalize(complete.title());
        Instant now = Timestamps.now(clock);
        Spec spec = new Spec(project, name, 0, 1, complete, now, now);
        Optional<Long> id = Sql.first(c, """
                INSERT INTO technical_specs (project_name, spec_name, spec_status, iteration, version, content,
                    created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_name, spec_name) DO NOTHING RETURNING id""",
                row -> row.getLong(1), project, spec.name(), complete.status().wire(), spec.iteration(), spec.version(),
                dialect.json(complete), dialect.time(now), dialect.time(now));
        if (id.isEmpty()) {
            return update(c, find(c, project, name, dialect.forUpdate()).orElseThrow(), content, null, events);
        }
        addRevision(c, id.get(), spec);
        events.add(Changes.specStored(null, spec));
        return spec;
    }

    /** Gives the spec a new version; adds its event to {@code events}. */
    Spec update(Connection c, String project, String name, SpecContent content, Long expectedVersion,
                List<EventDraft> events) throws SQLException {
        Row stored = find(c, project, name, dialect.forUpdate())
                .orElseThrow(() -> Errors.specNotFound(project, SpecName.normalize(name)));
        return update(c, stored, content, expectedVersion, events);
    }

    /** The spec; SPEC_NOT_FOUND (with the normalized name) when the project has none of that name. */
    Row require(Connection c, String project, String name) throws SQLException {
        return find(c, project, name).orElseThrow(() -> Errors.specNotFound(project, SpecName.normalize(name)));
    }

    /** Like {@link #require}, kept from being deleted until the transaction ends (a row will refer to it). */
    Row requireForReference(Connection c, String project, String name) throws SQLException {
        return find(c, project, name, dialect.forKeyShare())
                .orElseThrow(() -> Errors.specNotFound(project, SpecName.normalize(name)));
    }

    Page<Spec> list(Connection c, SpecQuery query) throws SQLException {
        if (query.project() == null) {
            return new Page<>(List.of(), 0, query.paging().limit(), query.paging().offset());
        }
        Where where = new Where().equal("s.project_name", query.project())
                .equal("s.spec_status", query.status() == null ? null : query.status().wire());
        long total = Sql.number(c, "SELECT count(*) FROM technical_specs s" + where.sql(), where.params());
        List<Spec> items = Sql.list(c, "SELECT " + COLUMNS + " FROM technical_specs s" + where.sql()
                        + " ORDER BY s.id LIMIT ? OFFSET ?", row -> map(row).spec(),
                where.params(query.paging().limit(), query.paging().offset()));
        return new Page<>(items, total, query.paging().limit(), query.paging().offset());
    }

    /** The project's specs in creation order. */
    List<Spec> ofProject(Connection c, String project) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM technical_specs s WHERE s.project_name = ? ORDER BY s.id",
                row -> map(row).spec(), project);
    }

    /** Every version of the spec, oldest first. */
    List<Spec> history(Connection c, String project, String name) throws SQLException {
        Spec current = require(c, project, name).spec();
        String where = "revision of spec '" + current.name() + "' of project '" + project + "'";
        return Sql.list(c, """
                SELECT r.version, r.iteration, r.content, r.revised_at FROM spec_revisions r
                JOIN technical_specs s ON s.id = r.spec_id
                WHERE s.project_name = ? AND s.spec_name = ? ORDER BY r.version""",
                row -> new Spec(project, current.name(), row.getInt("iteration"), row.getLong("version"),
                        JsonColumns.read(row.getString("content"), SpecContent.class, where), current.createdAt(),
                        dialect.time(row, "revised_at")),
                project, current.name());
    }

    /** The spec a partial name denotes: an exact name by its index, else ranked among the project's names. */
    Spec resolve(Connection c, String project, String partial) throws SQLException {
        SpecResolver.normalizedQuery(partial); // refuses a query without a letter or digit
        Optional<Row> exact = find(c, project, partial);
        if (exact.isPresent()) {
            return exact.get().spec();
        }
        return require(c, project, dialect.resolveSpecName(c, project, partial)).spec();
    }

    /** Deletes the spec; its revisions and loop links go with it (cascade). */
    void delete(Connection c, String project, String name) throws SQLException {
        Sql.update(c, "DELETE FROM technical_specs WHERE id = ?", require(c, project, name).id());
    }

    private Spec update(Connection c, Row stored, SpecContent content, Long expectedVersion, List<EventDraft> events)
            throws SQLException {
        Spec current = stored.spec();
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw Errors.staleSpec(current.project(), current.name(), current.version(), expectedVersion);
        }
        SpecContent merged = Specs.forUpdate(current, content);
        Spec next = new Spec(current.project(), current.name(), current.iteration() + 1, current.version() + 1, merged,
                current.createdAt(), Timestamps.now(clock));
        int changed = Sql.update(c, """
                UPDATE technical_specs SET spec_status = ?, iteration = ?, version = ?, content = ?, updated_at = ?
                WHERE id = ? AND version = ?""",
                merged.status().wire(), next.iteration(), next.version(), dialect.json(merged),
                dialect.time(next.updatedAt()), stored.id(), current.version());
        if (changed == 0) {
            Spec now = require(c, current.project(), current.name()).spec();
            throw Errors.staleSpec(current.project(), current.name(), now.version(), current.version());
        }
        addRevision(c, stored.id(), next);
        events.add(Changes.specStored(current, next));
        return next;
    }

    private void addRevision(Connection c, long specId, Spec spec) throws SQLException {
        Sql.update(c, "INSERT INTO spec_revisions (spec_id, version, iteration, content, revised_at) VALUES (?, ?, ?, ?, ?)",
                specId, spec.version(), spec.iteration(), dialect.json(spec.content()), dialect.time(spec.updatedAt()));
    }

    /** The spec with that (not yet normalized) name or title, if it exists. */
    Optional<Row> find(Connection c, String project, String name) throws SQLException {
        return find(c, project, name, "");
    }

    /** The spec a name or title denotes, one query for every name it may have ({@link SpecName#lookups}). */
    private Optional<Row> find(Connection c, String project, String given, String lock) throws SQLException {
        List<String> names = SpecName.lookups(given);
        if (names.size() == 1) {
            return Sql.first(c, "SELECT " + COLUMNS + " FROM technical_specs s WHERE s.project_name = ? "
                    + "AND s.spec_name = ?" + lock, this::map, project, names.getFirst());
        }
        List<Row> rows = Sql.list(c, "SELECT " + COLUMNS + " FROM technical_specs s WHERE s.project_name = ? "
                + "AND s.spec_name IN (?, ?)" + lock, this::map, project, names.get(0), names.get(1));
        for (int i = 0; i < names.size(); i++) {
            for (Row row : rows) {
                if (row.spec().name().equals(names.get(i)) && SpecName.found(i, row.spec())) {
                    return Optional.of(row);
                }
            }
        }
        return Optional.empty();
    }

    Row map(ResultSet row) throws SQLException {
        String project = row.getString("project_name");
        String name = row.getString("spec_name");
        SpecContent content = JsonColumns.read(row.getString("content"), SpecContent.class,
                "spec '" + name + "' of project '" + project + "'");
        return new Row(row.getLong("id"), new Spec(project, name, row.getInt("iteration"), row.getLong("version"),
                content, dialect.time(row, "created_at"), dialect.time(row, "updated_at")));
    }
}
