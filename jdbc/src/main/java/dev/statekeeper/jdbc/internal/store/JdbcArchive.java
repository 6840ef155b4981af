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
import java.util.function.Consumer;

/**
 * Export and import over SQL. An export reads every table in one snapshot transaction ({@link Transactor#snapshot}:
 * REPEATABLE READ READ ONLY on PostgreSQL, a deferred read on SQLite) and streams the rows ({@link ArchiveRows}).
 * A load writes {@link Dialect#loadBatch()} records per write transaction ({@link ArchiveInserts}: COPY on PostgreSQL);
 * replacing, the first transaction deletes everything first, so an interrupted load leaves the store rerunnable.
 * The last transaction trims the active-loop history to STATEKEEPER_LOOP_HISTORY_SIZE and sets {@code event_sequence}
 * to the change history loaded (replacing, the first transaction also removes the events and sets it to 0). A merge
 * that gives events to a store with its own history fails with DUPLICATE in the batch holding the first of them (the
 * import leaves them out before: only a load that did not check gets there).
 */
final class JdbcArchive implements Archive {
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
     * Writes each full batch on a thread of its own while the caller goes on reading the next one, so that reading
     * the source (a file's JSON, another database) and writing this one overlap; one batch at most is in flight, so
     * memory holds two batches. A batch's failure is thrown to the caller by the next {@link #accept} or by
     * {@link #finish}, and nothing is written after it.
     */
    private final class Loader implements ArchiveLoader {
        private final int batch = dialect.loadBatch();
        private final String writeId = UUID.randomUUID().toString();
        private List<ArchiveRecord> pending = new ArrayList<>(batch);
        /** Written by the batch thread, read after joining it. */
        private boolean cleared;
        private boolean historyChecked;
        private long written;
        /** Set by the caller's thread only. */
        private boolean history;
        private long lastSequence;
        private Thread writing;
        private volatile RuntimeException failure;

        Loader(LoadMode mode) {
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
            if (pending.size() == batch) {
                awaitWriting();
                List<ArchiveRecord> records = pending;
                boolean withHistory = history;
                pending = new ArrayList<>(batch);
                writing = Thread.ofPlatform().name("statekeeper-load").daemon().start(() -> {
                    try {
                        flush(records, withHistory, false);
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                });
            }
        }

        @Override
        public void finish() {
            awaitWriting();
            flush(pending, history, true);
            pending.clear();
        }

        /**
         * Waits for the batch in flight (an interrupt is kept for the caller, not lost) and throws the failure of
         * any batch, again at every call after it.
         */
        private void awaitWriting() {
            boolean interrupted = false;
            while (writing != null && writing.isAlive()) {
                try {
                    writing.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            writing = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            RuntimeException failed = failure;
            if (failed != null) {
                throw failed;
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
