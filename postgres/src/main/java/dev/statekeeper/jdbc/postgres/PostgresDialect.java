package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.internal.domain.SpecResolver;
import dev.statekeeper.core.internal.domain.Trigrams;
import dev.statekeeper.jdbc.internal.JsonColumns;
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.Transactor;
import dev.statekeeper.jdbc.internal.store.Dialect;
import org.postgresql.PGConnection;
import org.postgresql.util.PGobject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL's column forms: TIMESTAMPTZ bound as {@link OffsetDateTime} in UTC, JSONB bound as a typed
 * {@link PGobject}. Writers run at once, so rows read for an update are locked ({@code FOR UPDATE}). With
 * pg_trgm, fuzzy spec names are ranked by the server's {@code similarity()}; without it (the extension could
 * not be created), or where its words are not core's, by core's Java {@link Trigrams}, which compute the same
 * similarity as pg_trgm in a database whose LC_CTYPE classifies Unicode.
 */
final class PostgresDialect implements Dialect {
    /** Letters of several scripts, a combining mark and non-ASCII digits: what a server must split as core does. */
    static final String PROBE = "über-straße ﬁle 認証サービス हिन्दी ελληνικά ٣٤٥ x²";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDialect.class);

    private final String similarity;
    private final String similar;

    /**
     * The dialect of a database, ranking fuzzy names with pg_trgm when it is installed (in {@code trigramSchema})
     * and its trigrams of {@link #PROBE} are core's. They are not in a database whose LC_CTYPE is C or POSIX,
     * where pg_trgm takes only ASCII letters for letters ("über" is the word "ber", 認証 no word at all): there
     * the names are ranked in Java, so that every backend resolves a name alike.
     */
    static PostgresDialect of(Transactor tx, PostgresUrl url, Optional<String> trigramSchema) {
        if (trigramSchema.isEmpty()) {
            return new PostgresDialect(null);
        }
        String schema = PostgresSchema.quote(trigramSchema.get());
        Set<String> server = tx.query("compare pg_trgm with Statekeeper's trigrams", c -> Sql.first(c,
                "SELECT " + schema + ".show_trgm(?)", row -> Set.of((String[]) row.getArray(1).getArray()), PROBE))
                .orElseThrow();
        if (server.equals(Trigrams.show(PROBE))) {
            return new PostgresDialect(trigramSchema.get());
        }
        String ctype = tx.query("read the database's LC_CTYPE", c -> Sql.first(c,
                "SELECT datctype FROM pg_database WHERE datname = current_database()", row -> row.getString(1)))
                .orElse("?");
        LOG.info("pg_trgm in PostgreSQL database '{}' at {} (LC_CTYPE '{}') does not take letters beyond ASCII for "
                + "letters: fuzzy spec resolve ranks names in Java instead, as the other backends do", url.database(),
                url.server(), ctype);
        return new PostgresDialect(null);
    }

    /** @param trigramSchema the schema of the pg_trgm that ranks names, or null to rank them in Java */
    private PostgresDialect(String trigramSchema) {
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
    public String forKeyShare() {
        return " FOR KEY SHARE";
    }

    @Override
    public String byCodePoint(String column) {
        return column + " COLLATE \"C\"";
    }

    /**
     * COPY in text format ({@link CopyRows}), where the connection is pgjdbc's underneath: an application's data
     * source may wrap it in a way that does not unwrap, and then the rows go in as batched INSERTs.
     */
    @Override
    public void insertRows(Connection c, String table, List<String> columns, List<Object[]> rows) throws SQLException {
        if (c.isWrapperFor(PGConnection.class)) {
            CopyRows.copy(c, table, columns, rows);
        } else {
            Dialect.super.insertRows(c, table, columns, rows);
        }
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
