package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.archive.Archive;
import dev.statekeeper.core.archive.ArchiveLoader;
import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.archive.EventRecord;
import dev.statekeeper.core.archive.EventSequenceRecord;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.internal.archive.SnapshotLoader;
import dev.statekeeper.core.internal.domain.Timestamps;
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.Transactor;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Export and import over SQL. An export reads every table in one snapshot transaction ({@link Transactor#snapshot}:
 * REPEATABLE READ READ ONLY on PostgreSQL, a deferred read on SQLite) and streams the rows ({@link ArchiveRows}).
 * A load writes {@value #BATCH} records per write transaction ({@link ArchiveInserts}: COPY on PostgreSQL);
 * replacing, the first transaction deletes everything first, so an interrupted load leaves the store rerunnable.
 * The last transaction trims the active-loop history to STATEKEEPER_LOOP_HISTORY_SIZE and sets {@code event_sequence}
 * to the change history loaded (replacing, the first transaction also removes the events and sets it to 0). A merge
 * that gives events to a store with its own history fails with DUPLICATE in the batch holding the first of them (the
 * import leaves them out before: only a load that did not check gets there).
 */
final class JdbcArchive implements Archive {
    /**
     * Records per load transaction: enough that a transaction's own cost (its commit, a COPY's or a batch's round
     * trips) is spread thin, few enough that the records of a batch (a load holds two) stay a few megabytes for
     * records of the usual size. Against 500, it cut a million-loop import into SQLite by about 5 %.
     */
    static final int BATCH = 5_000;

    private final Transactor tx;
    private final Dialect dialect;
    private final Clock clock;
    private final ArchiveRows rows;
    private final int historySize;

    JdbcArchive(Transactor tx, Dialect dialect, Clock clock, int historySize) {
        this.tx = tx;
        this.dialect = dialect;
        this.clock = clock;
        this.rows = new ArchiveRows(dialect, historySize);
        this.historySize = historySize;
    }

    @Override
    public void export(Consumer<? super ArchiveRecord> out) {
        tx.snapshot("export every record", c -> {
            rows.export(c, out);
            return null;
        });
    }

    @Override
    public ArchiveLoader loader(LoadMode mode) {
        return new Loader(mode);
    }

    /**
     * Writes each full batch on a thread of the load's while the caller goes on reading the next one, so that
     * reading the source (a file's JSON, another database) and writing this one overlap; one batch at most is in
     * flight, so memory holds two batches. A batch's failure is thrown to the caller by the next {@link #accept} or
     * by {@link #finish}, and nothing is written after it. The thread ends with the load, or a second after its last
     * batch when the caller gives the load up.
     */
    private final class Loader implements ArchiveLoader {
        private final String writeId = UUID.randomUUID().toString();
        private List<ArchiveRecord> pending = new ArrayList<>(BATCH);
        /** Written by the batch thread, read after joining it. */
        private boolean cleared;
        private boolean historyChecked;
        private long written;
        /** Set by the caller's thread only. */
        private boolean history;
        private long lastSequence;
        private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().name("statekeeper-load").daemon().factory());
        private Future<?> writing;
        /** The failure of a batch, thrown again at every later call. */
        private RuntimeException failure;

        Loader(LoadMode mode) {
            writer.allowCoreThreadTimeOut(true);
            cleared = mode != LoadMode.REPLACE;
            historyChecked = mode != LoadMode.MERGE;
        }

        @Override
        public void accept(ArchiveRecord record) {
            switch (record) {
                case EventRecord e -> {
                    lastSequence = Math.max(lastSequence, e.sequence());
                    history = true;
                }
                case EventSequenceRecord s -> {
                    lastSequence = Math.max(lastSequence, s.lastSequence());
                    history = true;
                }
                default -> { }
            }
            pending.add(record);
            if (pending.size() == BATCH) {
                awaitWriting();
                List<ArchiveRecord> records = pending;
                boolean withHistory = history;
                pending = new ArrayList<>(BATCH);
                writing = writer.submit(() -> flush(records, withHistory, false));
            }
        }

        @Override
        public void finish() {
            try {
                awaitWriting();
                flush(pending, history, true);
                pending.clear();
            } finally {
                writer.shutdown();
            }
        }

        /**
         * Waits for the batch in flight (an interrupt is kept for the caller, not lost) and throws the failure of
         * any batch, again at every call after it.
         */
        private void awaitWriting() {
            boolean interrupted = false;
            while (writing != null && failure == null) {
                try {
                    writing.get();
                    writing = null;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    failure = (RuntimeException) e.getCause(); // flush throws nothing checked
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
        }

        private void flush(List<ArchiveRecord> records, boolean withHistory, boolean last) {
            String operation = records.isEmpty() ? "finish the import after record " + written
                    : "import records " + (written + 1) + "-" + (written + records.size());
            tx.write(operation, c -> {
                if (!cleared) {
                    ArchiveInserts.clear(c);
                }
                if (!historyChecked && withHistory) {
                    long own = JdbcEventLog.last(c);
                    if (own > 0) {
                        throw SnapshotLoader.ownHistory(own);
                    }
                }
                ArchiveInserts inserts = new ArchiveInserts(dialect, dialect.time(Timestamps.now(clock)), writeId);
                records.forEach(inserts::add);
                inserts.write(c);
                if (last) {
                    trimHistory(c);
                    if (withHistory) {
                        Sql.update(c, "UPDATE event_sequence SET last_sequence = ? WHERE id = 1", lastSequence);
                    }
                }
                return null;
            });
            cleared = true;
            historyChecked |= withHistory;
            written += records.size();
        }
    }

    private void trimHistory(Connection c) throws SQLException {
        Sql.update(c, """
                DELETE FROM loop_history WHERE sequence_number <= (
                    SELECT sequence_number FROM loop_history ORDER BY sequence_number DESC LIMIT 1 OFFSET ?)""",
                historySize);
    }
}
