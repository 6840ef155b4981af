package dev.statekeeper.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a backend begins and ends a transaction on a pooled connection. SQLite issues {@code BEGIN IMMEDIATE}
 * itself; a server database would switch auto-commit off instead.
 */
public interface TransactionControl {
    /** Begins a transaction that reads only ({@code write == false}) or may write. */
    void begin(Connection connection, boolean write) throws SQLException;

    void commit(Connection connection) throws SQLException;

    /** Undoes the transaction; called after a failure, so it must leave the connection reusable. */
    void rollback(Connection connection) throws SQLException;
}
