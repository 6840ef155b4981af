package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.jdbc.TransactionControl;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL transactions on pooled connections that rest in auto-commit. A single query runs as it is: one
 * round trip, no BEGIN, nothing to end. Other work switches auto-commit off, so the driver sends {@code BEGIN}
 * (or {@code BEGIN READ ONLY} for a snapshot read) together with the first statement. A read-only transaction
 * is rolled back, never committed: it has nothing to keep, and the server is never asked to commit work it did
 * not expect. The pool restores auto-commit and the read-only flag when the connection is returned; pgjdbc
 * changes both without a round trip while no transaction is open.
 */
final class PostgresTransactionControl implements TransactionControl {

    @Override
    public void begin(Connection connection, Work work) throws SQLException {
        if (work != Work.QUERY) {
            connection.setReadOnly(work == Work.READ);
            connection.setAutoCommit(false);
        }
    }

    @Override
    public void end(Connection connection, Work work) throws SQLException {
        switch (work) {
            case QUERY -> { }
            case READ -> connection.rollback();
            case WRITE -> connection.commit();
        }
    }

    @Override
    public void abort(Connection connection, Work work) throws SQLException {
        if (work != Work.QUERY) {
            connection.rollback();
        }
    }
}
