package dev.statekeeper.doctor.postgres;

import dev.statekeeper.jdbc.postgres.PostgresUrl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The doctor's one connection to a PostgreSQL database (every transaction read-only, short statement and lock
 * timeouts, application_name statekeeper-doctor), with what the checks need to know of the server and the role:
 * its version, the schema Statekeeper's tables are in, and whether the role may read every session's activity
 * and statistics (pg_read_all_stats, which pg_monitor includes).
 */
final class PostgresHandle implements AutoCloseable {
    /** A row of a result, read into a value. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final PostgresUrl url;
    private final Connection connection;
    private final int version;
    private final String role;
    private final String schema;
    private final boolean readsAllStats;
    private final BlockCounts firstSample;

    PostgresHandle(PostgresUrl url, Connection connection, int version, String role, String schema,
                   boolean readsAllStats, BlockCounts firstSample) {
        this.url = url;
        this.connection = connection;
        this.version = version;
        this.role = role;
        this.schema = schema;
        this.readsAllStats = readsAllStats;
        this.firstSample = firstSample;
    }

    PostgresUrl url() {
        return url;
    }

    Connection connection() {
        return connection;
    }

    /** server_version_num: 160010 for 16.10. */
    int version() {
        return version;
    }

    /** The role the doctor connected as. */
    String role() {
        return role;
    }

    /** current_schema(): where Statekeeper's tables are (or would be). */
    String schema() {
        return schema;
    }

    /** Whether the role sees every session's state and query and every statistic (pg_read_all_stats or superuser). */
    boolean readsAllStats() {
        return readsAllStats;
    }

    /** The database's block counts when the doctor connected: the start of the hit ratios' window. */
    BlockCounts firstSample() {
        return firstSample;
    }

    /** Every row, read by {@code row}; parameters bound in order. */
    <T> List<T> list(String sql, Row<T> row, Object... params) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    out.add(row.read(rows));
                }
            }
        }
        return out;
    }

    /** The first row, if there is one (empty too when it reads as null). */
    <T> Optional<T> first(String sql, Row<T> row, Object... params) throws SQLException {
        List<T> rows = list(sql, row, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.getFirst());
    }

    /** The first column of the first row as a number (0 when there is no row or it is null). */
    long number(String sql, Object... params) throws SQLException {
        return first(sql, r -> r.getLong(1), params).orElse(0L);
    }

    /** The first column of the first row as text (null when there is no row). */
    String text(String sql, Object... params) throws SQLException {
        return first(sql, r -> r.getString(1), params).orElse(null);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
