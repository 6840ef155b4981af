package dev.statekeeper.bench;

import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The baseline: one sqlite-jdbc connection on the store's file, with the pragmas of the store's writer
 * (WAL, synchronous=NORMAL, foreign keys, busy timeout), statements prepared once and reused, and write
 * transactions taken with {@code BEGIN IMMEDIATE} as the store does. No pool, no mapping, no JSON.
 */
final class PlainJdbc implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;

    private PlainJdbc(Connection connection) throws SQLException {
        this.connection = connection;
        this.begin = connection.prepareStatement("BEGIN IMMEDIATE");
        this.commit = connection.prepareStatement("COMMIT");
        this.rollback = connection.prepareStatement("ROLLBACK");
    }

    static PlainJdbc open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5_000);
        return new PlainJdbc(config.createConnection("jdbc:sqlite:" + file.toAbsolutePath()));
    }

    PreparedStatement prepare(String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    /** Runs {@code work} in one write transaction: committed when it returns, rolled back when it throws. */
    <T> T inWriteTransaction(Work<T> work) throws SQLException {
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

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }
}
