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
 * A load writes {@value #BATCH} records per write transaction with JDBC batch inserts ({@link ArchiveInserts});
 * replacing, the first transaction deletes everything first, so an interrupted load leaves the store rerunnable.
 * The last transaction trims the active-loop history to STATEKEEPER_LOOP_HISTORY_SIZE and sets {@code event_sequence}
 * to the change history loaded (replacing, the first transaction also removes the events and sets it to 0). A merge
 * that gives events to a store with its own history fails with DUPLICATE in the batch holding the first of them (the
 * import leaves them out before: only a load that did not check gets there).
 */
final class JdbcArchive implements Archive {
    static final int BATCH = 500;

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
        return new ArchiveLoader() {
            private final List<ArchiveRecord> pending = new ArrayList<>(BATCH);
            private final String writeId = UUID.randomUUID().toString();
            private boolean cleared = mode != LoadMode.REPLACE;
            private boolean historyChecked = mode != LoadMode.MERGE;
            private boolean history;
            private long lastSequence;
            private long written;

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
                    flush(false);
                }
            }

            @Override
            public void finish() {
                flush(true);
            }

            private void flush(boolean last) {
                String operation = pending.isEmpty() ? "finish the import after record " + written
                        : "import records " + (written + 1) + "-" + (written + pending.size());
                tx.write(operation, c -> {
                    if (!cleared) {
                        ArchiveInserts.clear(c);
                    }
                    if (!historyChecked && history) {
                        long own = JdbcEventLog.last(c);
                        if (own > 0) {
                            throw SnapshotLoader.ownHistory(own);
                        }
                    }
                    ArchiveInserts inserts = new ArchiveInserts(dialect, dialect.time(Timestamps.now(clock)), writeId);
                    pending.forEach(inserts::add);
                    inserts.write(c);
                    if (last) {
                        trimHistory(c);
                        if (history) {
                            Sql.update(c, "UPDATE event_sequence SET last_sequence = ? WHERE id = 1", lastSequence);
                        }
                    }
                    return null;
                });
                cleared = true;
                historyChecked |= history;
                written += pending.size();
                pending.clear();
            }
        };
    }

    private void trimHistory(Connection c) throws SQLException {
        Sql.update(c, """
                DELETE FROM loop_history WHERE sequence_number <= (
                    SELECT sequence_number FROM loop_history ORDER BY sequence_number DESC LIMIT 1 OFFSET ?)""",
                historySize);
    }
}
