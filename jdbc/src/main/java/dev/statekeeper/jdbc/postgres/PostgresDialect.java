package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.domain.SpecResolver;
import dev.statekeeper.jdbc.JsonColumns;
import dev.statekeeper.jdbc.Sql;
import dev.statekeeper.jdbc.store.Dialect;
import org.postgresql.util.PGobject;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's column forms: TIMESTAMPTZ bound as {@link OffsetDateTime} in UTC, JSONB bound as a typed
 * {@link PGobject}. Writers run at once, so rows read for an update are locked ({@code FOR UPDATE}). With
 * pg_trgm, fuzzy spec names are ranked by the server's {@code similarity()}; without it (the extension could
 * not be created) by core's Java trigrams, which compute the same similarity.
 */
final class PostgresDialect implements Dialect {
    private final String similarity;
    private final String similar;

    /** @param trigramSchema the schema pg_trgm is installed in, or null when it is not installed */
    PostgresDialect(String trigramSchema) {
        this.similarity = trigramSchema == null ? null : PostgresSchema.quote(trigramSchema) + ".similarity";
        this.similar = trigramSchema == null ? null : "OPERATOR(" + PostgresSchema.quote(trigramSchema) + ".%)";
    }

    boolean usesTrigrams() {
        return similarity != null;
    }

    @Override
    public Object time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public Instant time(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    @Override
    public Object json(Object value) {
        PGobject json = new PGobject();
        json.setType("jsonb");
        try {
            json.setValue(JsonColumns.write(value));
        } catch (SQLException e) {
            throw new IllegalStateException("PGobject refused a value", e);
        }
        return json;
    }

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public String byCodePoint(String column) {
        return column + " COLLATE \"C\"";
    }

    /**
     * Exact, prefix and substring matches are found with one LIKE (which the trigram index serves) and
     * ranked by {@link SpecResolver}; only when there are none does the server rank names by similarity. The
     * {@code %} operator lets the trigram index find the candidates (at pg_trgm's similarity_threshold, 0.3
     * unless an operator changed it); the similarity condition keeps the rule exactly core's.
     */
    @Override
    public String resolveSpecName(Connection c, String project, String partial) throws SQLException {
        if (similarity == null) {
            return Dialect.super.resolveSpecName(c, project, partial);
        }
        String query = SpecResolver.normalizedQuery(partial);
        List<String> containing = Sql.list(c, "SELECT spec_name FROM technical_specs WHERE project_name = ? "
                + "AND spec_name LIKE '%' || ? || '%' ORDER BY id", row -> row.getString(1), project, query);
        if (!containing.isEmpty()) {
            return SpecResolver.resolve(project, partial, containing);
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : Sql.list(c, "SELECT spec_name, " + similarity + "(spec_name, ?) AS score "
                        + "FROM technical_specs WHERE project_name = ? AND spec_name " + similar + " ? AND "
                        + similarity + "(spec_name, ?) >= ?",
                row -> Map.entry(row.getString(1), row.getDouble(2)), query, project, query, query,
                SpecResolver.MIN_SIMILARITY)) {
            scores.put(e.getKey(), e.getValue());
        }
        return SpecResolver.fuzzy(project, partial, scores);
    }
}
