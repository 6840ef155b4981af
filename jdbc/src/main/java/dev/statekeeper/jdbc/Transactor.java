package dev.statekeeper.jdbc;

import dev.statekeeper.core.error.Errors;
import dev.statekeeper.core.error.StatekeeperException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Runs work in one transaction: {@link #read} on a reader connection, {@link #write} on the writer. Commits
 * when the work returns, rolls back when it throws, and turns driver errors into {@link StatekeeperException}
 * through the backend's translator. After {@link #close()} every call fails with STORE_CLOSED.
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

    /** Runs read-only work in a read transaction (one consistent snapshot). */
    public <T> T read(String operation, SqlWork<T> work) {
        return run(readers, false, operation, work);
    }

    /** Runs work that writes, serialized with every other writer of the database. */
    public <T> T write(String operation, SqlWork<T> work) {
        return run(writers, true, operation, work);
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

    private <T> T run(DataSource source, boolean write, String operation, SqlWork<T> work) {
        if (closed.get()) {
            throw Errors.closed(backend);
        }
        try (Connection connection = source.getConnection()) {
            control.begin(connection, write);
            try {
                T result = work.run(connection);
                control.commit(connection);
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw closed.get() ? Errors.closed(backend) : translator.translate(operation, e);
        }
    }

    private void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            control.rollback(connection);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
