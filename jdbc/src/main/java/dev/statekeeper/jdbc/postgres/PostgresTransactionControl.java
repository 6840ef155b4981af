package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.jdbc.TransactionControl;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL transactions on pooled connections whose auto-commit is off: the driver begins the transaction
 * with the first statement, as {@code BEGIN READ ONLY} for reads. A read-only transaction is rolled back, not
 * committed: it has nothing to keep, and the server can never be asked to commit work it did not expect.
 */
final class PostgresTransactionControl implements TransactionControl {

    @Override
    public void begin(Connection connection, boolean write) throws SQLException {
        connection.setReadOnly(!write);
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        if (connection.isReadOnly()) {
            connection.rollback();
        } else {
            connection.commit();
        }
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        connection.rollback();
    }
}
