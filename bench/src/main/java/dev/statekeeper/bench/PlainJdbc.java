package dev.statekeeper.bench;

import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The baseline: one connection, statements prepared once and reused. No pool, no mapping, no JSON.
 * <ul>
 *   <li>SQLite ({@link #open(Path)}): one sqlite-jdbc connection on the store's file, with the pragmas of the
 *   store's writer (WAL, synchronous=NORMAL, foreign keys, busy timeout), and write transactions taken with
 *   {@code BEGIN IMMEDIATE} as the store does.</li>
 *   <li>PostgreSQL ({@link #postgres(Connection)}): one pgjdbc connection in auto-commit; a write transaction
 *   turns auto-commit off for its duration, so the driver sends {@code BEGIN} with the first statement and
 *   {@code COMMIT} at the end, as it does for the store's pooled connections.</li>
 * </ul>
 */
final class PlainJdbc implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;

    /** {@code begin}, {@code commit} and {@code rollback} are null when the driver runs transactions. */
    private PlainJdbc(Connection connection, PreparedStatement begin, PreparedStatement commit,
                      PreparedStatement rollback) {
        this.connection = connection;
        this.begin = begin;
        this.commit = commit;
        this.rollback = rollback;
    }

    private PlainJdbc(Connection connection) throws SQLException {
        this(connection, connection.prepareStatement("BEGIN IMMEDIATE"), connection.prepareStatement("COMMIT"),
                connection.prepareStatement("ROLLBACK"));
    }

    static PlainJdbc open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5_000);
        return new PlainJdbc(config.createConnection("jdbc:sqlite:" + file.toAbsolutePath()));
    }

    /** Takes over a PostgreSQL connection (closed with this); it is put in auto-commit. */
    static PlainJdbc postgres(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        return new PlainJdbc(connection, null, null, null);
    }

    PreparedStatement prepare(String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    /** Runs {@code work} in one write transaction: committed when it returns, rolled back when it throws. */
    <T> T inWriteTransaction(Work<T> work) throws SQLException {
        if (begin == null) {
            return inDriverTransaction(work);
        }
        begin.execute();
        try {
            T result = work.run();
            commit.execute();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                rollback.execute();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private <T> T inDriverTransaction(Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }
}
