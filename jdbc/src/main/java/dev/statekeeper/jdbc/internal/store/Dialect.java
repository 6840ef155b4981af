package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.internal.domain.SpecResolver;
import dev.statekeeper.jdbc.internal.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * What the repositories need to know about the SQL database under them: how instants and JSON documents are
 * bound and read, whether rows read for an update must be locked, and how a partial spec name is resolved.
 * Everything else (tables, columns, upserts with {@code ON CONFLICT}, {@code RETURNING}) is the same SQL on
 * SQLite and PostgreSQL.
 */
public interface Dialect {

    /** The value to bind for an instant column. */
    Object time(Instant instant);

    /** Reads an instant column. */
    Instant time(ResultSet row, String column) throws SQLException;

    /** The value to bind for a JSON document column, given the value to serialize. */
    Object json(Object value);

    /**
     * What follows a SELECT of a row that the transaction goes on to update: {@code " FOR UPDATE"} where
     * concurrent writers run at once (PostgreSQL), "" where a write transaction already excludes every other
     * writer (SQLite's {@code BEGIN IMMEDIATE}).
     */
    String forUpdate();

    /**
     * What follows a SELECT of a row that the transaction goes on to refer to (a foreign key to it): {@code
     * " FOR KEY SHARE"} where a concurrent delete could otherwise remove it between the read and the insert
     * (PostgreSQL), so the insert meets a row that exists or the read finds none; "" where writers are serialized.
     */
    String forKeyShare();

    /**
     * The column ordered by its characters' code points, whatever the database's collation: the order Java and
     * every other backend give text keys. SQLite compares text byte by byte already; PostgreSQL needs
     * {@code COLLATE "C"}.
     */
    default String byCodePoint(String column) {
        return column;
    }

    /**
     * The name {@code partial} denotes among the project's specs (exact, prefix, substring, then fuzzy). This
     * default ranks the project's names in Java ({@link SpecResolver}); PostgreSQL with pg_trgm asks the database.
     */
    default String resolveSpecName(Connection c, String project, String partial) throws SQLException {
        List<String> names = Sql.list(c, "SELECT spec_name FROM technical_specs WHERE project_name = ? ORDER BY id",
                row -> row.getString(1), project);
        return SpecResolver.resolve(project, partial, names);
    }

    /**
     * Inserts rows into a table as a load ({@code db copy}, {@code db import}, {@code db restore}) does: each row
     * holds the values of {@code columns} in that order, as this dialect binds them ({@link #time}, {@link #json}).
     * The table's constraints and indexes apply as to any insert. This default runs one batched prepared INSERT;
     * PostgreSQL streams the rows with COPY, which saves the server parsing and planning every row.
     */
    default void insertRows(Connection c, String table, List<String> columns, List<Object[]> rows) throws SQLException {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        Sql.batch(c, sql, rows);
    }
}
