package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.TransactionControl;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * SQLite transactions issued as SQL on connections that stay in auto-commit mode: {@code BEGIN IMMEDIATE}
 * for writes, so a writer takes the write lock up front and two processes never deadlock upgrading a read
 * lock; {@code BEGIN DEFERRED} for snapshot reads, which in WAL mode never wait for writers; nothing for a
 * single query, which SQLite runs in its own implicit read transaction.
 *
 * <p>Why not {@code setAutoCommit(false)} with sqlite-jdbc's IMMEDIATE transaction mode: the driver's
 * {@code commit()} starts the next {@code BEGIN IMMEDIATE} at once, so a pooled connection would hold (or
 * wait for) the write lock while idle, and could fail with SQLITE_BUSY after its own work had committed.
 */
final class SqliteTransactionControl implements TransactionControl {
    private final Runnable committed;

    /** @param committed runs after each write transaction committed (the {@link Checkpointer} is woken there) */
    SqliteTransactionControl(Runnable committed) {
        this.committed = committed;
    }

    @Override
    public void begin(Connection connection, Work work) throws SQLException {
        switch (work) {
            case QUERY -> { }
            case READ, SNAPSHOT -> Sql.execute(connection, "BEGIN DEFERRED");
            case WRITE -> Sql.execute(connection, "BEGIN IMMEDIATE");
        }
    }

    @Override
    public void end(Connection connection, Work work) throws SQLException {
        if (work != Work.QUERY) {
            Sql.execute(connection, "COMMIT");
            if (work == Work.WRITE) {
                committed.run();
            }
        }
    }

    @Override
    public void abort(Connection connection, Work work) throws SQLException {
        if (work != Work.QUERY) {
            Sql.execute(connection, "ROLLBACK");
        }
    }
}
