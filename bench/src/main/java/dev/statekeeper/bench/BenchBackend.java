package dev.statekeeper.bench;

import dev.statekeeper.core.api.StateStore;

import java.sql.SQLException;
import java.time.Instant;

/**
 * What a benchmark needs of one trial's database, whichever backend holds it: the real store, a plain-JDBC
 * baseline connection on the same database, and the few ways the two backends bind and lock differently.
 */
interface BenchBackend extends AutoCloseable {
    StateStore store();

    PlainJdbc jdbc();

    /** Another plain connection on the same database, for maintenance outside the measured time. */
    PlainJdbc connect() throws SQLException;

    /** A JSON column value as the store binds it. */
    Object json(Object value) throws SQLException;

    /** A timestamp column value as the store binds it. */
    Object time(Instant instant);

    /** What locks a row read for an update: {@code " FOR UPDATE"} where the backend has it, else nothing. */
    String forUpdate();

    /** Brings the planner's statistics up to date after a prefill, where the backend keeps any. */
    void settle();

    @Override
    void close() throws SQLException;

    /** A fresh trial database of the named backend: {@code sqlite} or {@code postgres}. */
    static BenchBackend create(String backend) throws SQLException {
        return switch (backend) {
            case "sqlite" -> BenchDatabase.create();
            case "postgres" -> PgDatabase.create();
            default -> throw new IllegalArgumentException("no bench backend '" + backend + "' (sqlite, postgres)");
        };
    }
}
