package dev.statekeeper.jdbc;

import dev.statekeeper.core.error.Errors;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.TransactionControl.Work;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Runs work on a pooled connection: {@link #query} (one SELECT, no transaction) and {@link #read} (a read-only
 * snapshot) on a reader connection, {@link #write} in a transaction on the writer. Commits a write when the work
 * returns, undoes any work that throws, and turns driver errors into {@link StatekeeperException} through the
 * backend's translator. After {@link #close()} every call fails with STORE_CLOSED.
 */
public final class Transactor {
    private final String backend;
    private final DataSource readers;
    private final DataSource writers;
    private final TransactionControl control;
    private final SqlErrorTranslator translator;
    private final AtomicBoolean closed = new AtomicBoolean();

    public Transactor(String backend, DataSource readers, DataSource writers, TransactionControl control,
                      SqlErrorTranslator translator) {
        this.backend = backend;
        this.readers = readers;
        this.writers = writers;
        this.control = control;
        this.translator = translator;
    }

    /**
     * Runs work that is <em>one</em> SELECT. A single statement sees one snapshot by itself, so it needs no
     * transaction: on PostgreSQL this saves the round trip that ends a read transaction. Work with more than one
     * statement must use {@link #read}.
     */
    public <T> T query(String operation, SqlWork<T> work) {
        return run(readers, Work.QUERY, operation, work);
    }

    /** Runs read-only work of several statements in a read transaction (one consistent snapshot). */
    public <T> T read(String operation, SqlWork<T> work) {
        return run(readers, Work.READ, operation, work);
    }

    /** Runs work that writes, serialized with every other writer of the database. */
    public <T> T write(String operation, SqlWork<T> work) {
        return run(writers, Work.WRITE, operation, work);
    }

    /** Runs work that writes and returns nothing; {@link #write} for work with a result. */
    public void update(String operation, SqlAction action) {
        write(operation, c -> {
            action.run(c);
            return null;
        });
    }

    /** Refuses all later work; the owner closes the data sources afterwards. Returns false if already closed. */
    public boolean close() {
        return closed.compareAndSet(false, true);
    }

    private <T> T run(DataSource source, Work kind, String operation, SqlWork<T> work) {
        if (closed.get()) {
            throw Errors.closed(backend);
        }
        try (Connection connection = source.getConnection()) {
            control.begin(connection, kind);
            try {
                T result = work.run(connection);
                control.end(connection, kind);
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                abortQuietly(connection, kind, e);
                throw e;
            }
        } catch (SQLException e) {
            throw closed.get() ? Errors.closed(backend) : translator.translate(operation, e);
        }
    }

    private void abortQuietly(Connection connection, Work kind, Throwable failure) {
        try {
            control.abort(connection, kind);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
