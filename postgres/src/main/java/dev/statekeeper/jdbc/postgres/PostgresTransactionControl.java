package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.TransactionControl;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL transactions on pooled connections that rest in auto-commit. A single query runs as it is: one
 * round trip, no BEGIN, nothing to end. Other work switches auto-commit off, so the driver sends {@code BEGIN}
 * ({@code BEGIN READ ONLY} for {@link Work#READ} and {@link Work#SNAPSHOT}) together with the first statement. A
 * read-only transaction is rolled back, never committed: it has nothing to keep, and the server is never asked to
 * commit work it did not expect. A read sets REPEATABLE READ as its first statement, so all its statements see
 * one snapshot (at PostgreSQL's default READ COMMITTED each statement would see its own: a list's total and its
 * page could disagree). A write runs at the server's default isolation (READ COMMITTED unless
 * {@code default_transaction_isolation} says otherwise) and locks the rows it reads to change them. The pool
 * restores auto-commit and the read-only flag when the connection is returned; pgjdbc changes both without a
 * round trip while no transaction is open.
 */
final class PostgresTransactionControl implements TransactionControl {

    @Override
    public void begin(Connection connection, Work work) throws SQLException {
        if (work != Work.QUERY) {
            connection.setReadOnly(work != Work.WRITE);
            connection.setAutoCommit(false);
            if (work != Work.WRITE) {
                Sql.execute(connection, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
        }
    }

    @Override
    public void end(Connection connection, Work work) throws SQLException {
        switch (work) {
            case QUERY -> { }
            case READ, SNAPSHOT -> connection.rollback();
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
