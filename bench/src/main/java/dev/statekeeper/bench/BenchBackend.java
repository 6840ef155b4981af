package dev.statekeeper.bench;

import dev.statekeeper.core.api.StateStore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

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

    /** Reads a timestamp column the way the baseline reads it (a number on SQLite, a TIMESTAMPTZ on PostgreSQL). */
    Object time(ResultSet row, int column) throws SQLException;

    /**
     * Writes {@code loops} loops of projects {@code bench-0} ... {@code bench-19}, each with
     * {@code feedbackPerLoop} entries of {@link Samples#feedback}, and returns their ids in creation order.
     */
    List<String> prefillLoops(int loops, int feedbackPerLoop) throws SQLException;

    /** What locks a row read for an update: {@code " FOR UPDATE"} where the backend has it, else nothing. */
    String forUpdate();

    /** Brings the planner's statistics up to date after a prefill, where the backend keeps any. */
    void settle();

    @Override
    void close() throws SQLException;

    /** A fresh trial database of the named backend: {@code sqlite} or {@code postgres}. */
    static BenchBackend create(String backend) throws SQLException {
        return create(backend, "on");
    }

    /**
     * A fresh trial database of the named backend, its store opened with the operation log {@code on} (through
     * StateStores, as every embedder gets it) or with {@code none} (the backend's bare store: no timing at all).
     */
    static BenchBackend create(String backend, String oplog) throws SQLException {
        boolean timed = switch (oplog) {
            case "on" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("no oplog mode '" + oplog + "' (on, none)");
        };
        return switch (backend) {
            case "sqlite" -> BenchDatabase.create(timed);
            case "postgres" -> PgDatabase.create(null, timed);
            default -> throw new IllegalArgumentException("no bench backend '" + backend + "' (sqlite, postgres)");
        };
    }
}
