package dev.statekeeper.jdbc.internal;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.internal.error.Errors;
import dev.statekeeper.core.internal.oplog.Probe;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.internal.SqlErrorTranslator.Failure;
import dev.statekeeper.jdbc.internal.TransactionControl.Work;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Runs work on a pooled connection: {@link #query} (one SELECT, no transaction) and {@link #read} (a read-only
 * snapshot) on a reader connection, {@link #write} in a transaction on the writer. Commits a write when the work
 * returns, undoes any work that throws, and turns driver errors into {@link StatekeeperException} through the
 * backend's translator. After {@link #close()} every call fails with STORE_CLOSED.
 *
 * <p>Transient failures (a lost or refused connection, a deadlock, a busy database) are tried again under the
 * {@link RetryPolicy}: the failed transaction was undone, so the work runs again from its start. The one
 * failure that cannot simply be retried is a connection lost while a write was being committed: the write may
 * have been applied. Such a write is retried only when it has a {@link Recheck} that finds out; without one
 * the caller gets WRITE_OUTCOME_UNKNOWN; {@link #writeIdempotent} and {@link #writeCheckedByAbsence} name the two
 * common rechecks (run it again; it was applied when the record is gone). A connection whose transaction could
 * not be ended is evicted from the pool, never reused.
 */
public final class Transactor {
    private static final Logger LOG = LoggerFactory.getLogger(Transactor.class);

    private final String backend;
    private final DataSource readers;
    private final DataSource writers;
    private final TransactionControl control;
    private final SqlErrorTranslator translator;
    private final RetryPolicy retry;
    private final AtomicBoolean closed = new AtomicBoolean();

    public Transactor(String backend, DataSource readers, DataSource writers, TransactionControl control,
                      SqlErrorTranslator translator, RetryPolicy retry) {
        this.backend = backend;
        this.readers = readers;
        this.writers = writers;
        this.control = control;
        this.translator = translator;
        this.retry = retry;
    }

    /**
     * Runs work that is <em>one</em> SELECT. A single statement sees one snapshot by itself, so it needs no
     * transaction: on PostgreSQL this saves the round trip that ends a read transaction. Work with more than one
     * statement must use {@link #read}.
     */
    public <T> T query(String operation, SqlWork<T> work) {
        return run(readers, Work.QUERY, operation, work, Recheck.rerun());
    }

    /**
     * Runs read-only work of several statements in a read transaction, so they all see one snapshot: REPEATABLE
     * READ READ ONLY on PostgreSQL, a deferred transaction on SQLite ({@link Work#READ}).
     */
    public <T> T read(String operation, SqlWork<T> work) {
        return run(readers, Work.READ, operation, work, Recheck.rerun());
    }

    /**
     * Runs a long read whose statements must all see one snapshot, and that hands its rows on as it goes (an
     * export): the same transaction as {@link #read}, but never tried again, as what it handed on before a
     * failure is gone.
     */
    public <T> T snapshot(String operation, SqlWork<T> work) {
        return run(readers, Work.SNAPSHOT, operation, work, Recheck.rerun());
    }

    /**
     * Runs work that writes, in one transaction ({@link Work#WRITE}: on SQLite one writer at a time; on
     * PostgreSQL at the server's default isolation, writers of the same rows serialized by the row locks they
     * take). If the connection is lost while committing, fails with WRITE_OUTCOME_UNKNOWN: use
     * {@link #write(String, SqlWork, Recheck)} for work that can find out whether it was applied,
     * {@link #writeIdempotent} for work that is harmless to apply twice, {@link #writeCheckedByAbsence} for work
     * whose record is gone once it was applied.
     */
    public <T> T write(String operation, SqlWork<T> work) {
        return run(writers, Work.WRITE, operation, work, null);
    }

    /** Runs work that writes; after a commit whose outcome is unknown, {@code recheck} decides on the retry. */
    public <T> T write(String operation, SqlWork<T> work, Recheck<T> recheck) {
        return run(writers, Work.WRITE, operation, work, recheck);
    }

    /**
     * Runs work that writes, returns nothing and is harmless to apply twice (an upsert, a delete by key): after a
     * commit whose outcome is unknown it is simply run again.
     */
    public void writeIdempotent(String operation, SqlAction action) {
        write(operation, c -> {
            action.run(c);
            return null;
        }, Recheck.rerun());
    }

    /**
     * Runs work that removes a record (and fails with NOT_FOUND when there is none), whose outcome is checked by
     * the record's absence: after a commit whose outcome is unknown, {@code exists} false means the work was
     * applied, true that it was not, so it is run again.
     */
    public void writeCheckedByAbsence(String operation, SqlAction action, SqlWork<Boolean> exists) {
        write(operation, c -> {
            action.run(c);
            return Boolean.TRUE;
        }, c -> exists.run(c) ? Optional.empty() : Optional.of(Boolean.TRUE));
    }

    /** Refuses all later work; the owner closes the data sources afterwards. Returns false if already closed. */
    public boolean close() {
        return closed.compareAndSet(false, true);
    }

    private <T> T run(DataSource source, Work kind, String operation, SqlWork<T> work, Recheck<T> recheck) {
        long started = System.nanoTime();
        boolean outcomeUnknown = false;
        for (int tries = 1; ; tries++) {
            if (closed.get()) {
                throw Errors.closed(backend);
            }
            Attempt attempt = new Attempt();
            Probe.attempt();
            try {
                return once(source, kind, work, outcomeUnknown ? recheck : null, attempt);
            } catch (SQLException e) {
                if (closed.get()) {
                    throw Errors.closed(backend);
                }
                Failure failure = translator.classify(e);
                boolean lostCommit = failure == Failure.CONNECTION_LOST && attempt.committing && kind == Work.WRITE;
                if (lostCommit && recheck == null) {
                    throw outcomeUnknown(operation, e);
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                if (failure == Failure.PERMANENT || kind == Work.SNAPSHOT || !retry.allows(tries, elapsed)) {
                    throw tries == 1 ? translator.translate(operation, e) : gaveUp(operation, e, tries, elapsed);
                }
                outcomeUnknown |= lostCommit;
                Duration pause = retry.delay(tries);
                LOG.info("{} failed ({}), try {} of {} in {} ms", operation, SqlErrorTranslator.firstLine(e), tries + 1, retry.attempts(),
                        pause.toMillis());
                sleep(pause, operation, e);
            }
        }
    }

    /** Where one try got to: whether the work had returned and its commit was under way. */
    private static final class Attempt {
        boolean committing;
    }

    private <T> T once(DataSource source, Work kind, SqlWork<T> work, Recheck<T> recheck, Attempt attempt)
            throws SQLException {
        long asked = System.nanoTime();
        Connection borrowed;
        try {
            borrowed = source.getConnection();
        } finally {
            // a pool that times out waited too: the slow-operation record shows it
            Probe.poolWait(System.nanoTime() - asked);
        }
        try (Connection connection = borrowed) {
            if (recheck != null) {
                Optional<T> applied = recheck.applied(connection);
                if (applied.isPresent()) {
                    LOG.info("the commit whose acknowledgement was lost had been applied: not repeating it");
                    return applied.get();
                }
            }
            control.begin(connection, kind);
            try {
                T result = work.run(connection);
                attempt.committing = true;
                control.end(connection, kind);
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                if (!attempt.committing) {
                    abortOrEvict(source, connection, kind, e);
                } else {
                    evict(source, connection);
                }
                throw e;
            }
        }
    }

    /** Undoes the work; a connection that cannot even do that is broken, and leaves the pool. */
    private void abortOrEvict(DataSource source, Connection connection, Work kind, Throwable failure) {
        try {
            control.abort(connection, kind);
        } catch (SQLException e) {
            failure.addSuppressed(e);
            evict(source, connection);
        }
    }

    private static void evict(DataSource source, Connection connection) {
        if (source instanceof StorePool pool) {
            pool.evict(connection);
        }
    }

    private StatekeeperException outcomeUnknown(String operation, SQLException e) {
        StatekeeperException translated = translator.translate(operation, e);
        return new StatekeeperException(ErrorCode.WRITE_OUTCOME_UNKNOWN, operation + ": the connection was lost "
                + "while committing, so the change may or may not have been applied; read it back before repeating it ("
                + translated.getMessage() + ")", e);
    }

    private StatekeeperException gaveUp(String operation, SQLException e, int tries, Duration elapsed) {
        StatekeeperException translated = translator.translate(operation, e);
        return new StatekeeperException(translated.code(), translated.getMessage() + " (gave up after " + tries
                + " tries in " + elapsed.toMillis() + " ms; " + "STATEKEEPER_RETRY_ATTEMPTS="
                + retry.attempts() + ", STATEKEEPER_RETRY_MAX_TIME=" + retry.maxTime().toMillis() / 1000.0 + " s)", e);
    }

    private void sleep(Duration pause, String operation, SQLException failure) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw translator.translate(operation, failure);
        }
    }
}
