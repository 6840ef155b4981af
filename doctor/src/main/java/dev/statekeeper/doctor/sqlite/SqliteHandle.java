package dev.statekeeper.doctor.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The doctor's one read-only connection to a SQLite file, with the few queries the checks need. */
record SqliteHandle(Path file, Connection connection) implements AutoCloseable {
    /** A row of a result, read into a value. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** The first column of the first row as a number (0 when there is no row). */
    long number(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** The first column of the first row as text (null when there is no row). */
    String text(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** Every row, read by {@code row}. */
    <T> List<T> list(String sql, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                out.add(row.read(rows));
            }
        }
        return out;
    }

    /** A file beside the database: {@code -wal}, {@code -shm}. */
    Path sidecar(String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
