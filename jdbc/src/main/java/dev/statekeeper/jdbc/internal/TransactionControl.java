package dev.statekeeper.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a backend begins and ends the work of one {@link Transactor} call on a pooled connection. SQLite issues
 * {@code BEGIN IMMEDIATE} itself; PostgreSQL switches auto-commit off.
 */
public interface TransactionControl {

    /** What the work does, which decides the transaction it needs. */
    enum Work {
        /** One SELECT: it is its own consistent snapshot, so it runs in auto-commit, without BEGIN or an end. */
        QUERY,
        /**
         * Several SELECTs that must see one snapshot: a read-only transaction that commits nothing. REPEATABLE READ
         * READ ONLY on PostgreSQL, rolled back (at PostgreSQL's default READ COMMITTED each statement would see a
         * snapshot of its own); a deferred transaction on SQLite, whose snapshot (in WAL mode) the first SELECT
         * takes and which a COMMIT ends.
         */
        READ,
        /**
         * Statements that write: one transaction, committed when the work returns. At the server's default
         * isolation on PostgreSQL (READ COMMITTED unless {@code default_transaction_isolation} says otherwise),
         * so rows read for an update are locked ({@code FOR UPDATE}); an immediate transaction on SQLite, which
         * runs one writer at a time.
         */
        WRITE,
        /**
         * A long read that must see one snapshot across all its statements (an export): begun and ended as
         * {@link #READ} is (REPEATABLE READ READ ONLY on PostgreSQL, deferred on SQLite); it differs in that the
         * {@link Transactor} never tries it again.
         */
        SNAPSHOT
    }

    /** Begins the transaction the work needs (nothing for {@link Work#QUERY}). */
    void begin(Connection connection, Work work) throws SQLException;

    /** Ends work that returned normally: commits a write, ends a read (which has nothing to commit). */
    void end(Connection connection, Work work) throws SQLException;

    /** Undoes the work after a failure; it must leave the connection reusable or fail. */
    void abort(Connection connection, Work work) throws SQLException;
}
