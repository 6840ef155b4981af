package dev.statekeeper.bench.doctor;

import dev.statekeeper.core.config.Settings;

import java.sql.SQLException;
import java.util.OptionalLong;

/** A filled store the doctor runs on, and, where the server can tell, how many statements a run sent to it. */
public interface Fixture extends AutoCloseable {
    /** What the doctor is given: the backend and where the store is. */
    Settings settings();

    /** Starts counting the statements the server sees (PostgreSQL: resets pg_stat_statements). */
    default void startCounting() throws SQLException {
    }

    /** Statements the server executed in the store's database since {@link #startCounting()}; empty when it cannot say. */
    default OptionalLong counted() throws SQLException {
        return OptionalLong.empty();
    }

    @Override
    void close() throws SQLException;
}
