package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.jdbc.internal.JsonColumns;
import dev.statekeeper.jdbc.internal.Micros;
import dev.statekeeper.jdbc.internal.store.Dialect;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * SQLite's column forms: instants as INTEGER microseconds ({@link Micros}), documents as JSON text. A write
 * transaction ({@code BEGIN IMMEDIATE}) already shuts out every other writer, so rows need no locks.
 */
enum SqliteDialect implements Dialect {
    INSTANCE;

    @Override
    public Object time(Instant instant) {
        return Micros.of(instant);
    }

    @Override
    public Instant time(ResultSet row, String column) throws SQLException {
        return Micros.read(row, column);
    }

    @Override
    public Object json(Object value) {
        return JsonColumns.write(value);
    }

    @Override
    public String forUpdate() {
        return "";
    }

    @Override
    public String forKeyShare() {
        return "";
    }
}
