package dev.statekeeper.jdbc;

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
        /** Several SELECTs that must see one snapshot: a read-only transaction, ended without a commit. */
        READ,
        /** Statements that write: one transaction, committed when the work returns. */
        WRITE,
        /**
         * A long read that must see one snapshot across all its statements (an export): a read-only transaction at
         * REPEATABLE READ on PostgreSQL (where {@link #READ} is READ COMMITTED), a deferred one on SQLite.
         */
        SNAPSHOT
    }

    /** Begins the transaction the work needs (nothing for {@link Work#QUERY}). */
    void begin(Connection connection, Work work) throws SQLException;

    /** Ends work that returned normally: commits a write, ends a read without committing. */
    void end(Connection connection, Work work) throws SQLException;

    /** Undoes the work after a failure; it must leave the connection reusable or fail. */
    void abort(Connection connection, Work work) throws SQLException;
}
