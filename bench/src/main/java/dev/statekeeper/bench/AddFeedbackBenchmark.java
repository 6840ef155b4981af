package dev.statekeeper.bench;

import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Appending one critic-feedback entry, on SQLite and on PostgreSQL, to a loop that already has
 * {@code history} entries: with 0 the operation appends the 1st entry, with 999 the 1,000th. After every
 * append the new row is deleted and the loop row reset, outside the measured time, through a third
 * connection, so every measured append starts from exactly {@code history} entries (on SQLite that write
 * also invalidates every connection's page cache, as any other connection's write does). The baseline runs
 * the statements the store runs (read the loop row, locked where the backend locks rows; insert the entry;
 * update the loop row) in one transaction; the store returns the loop's new summary, without the history.
 * {@link #statekeeperGetLoop} reads that loop with its whole history (nothing is written), for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class AddFeedbackBenchmark {
    /** The statement PostgresEventRows runs: lock and raise the counter, insert the events, notify. */
    private static final String POSTGRES_APPEND_EVENT = """
            WITH n AS (
                UPDATE event_sequence
                SET last_sequence = last_sequence + ?
                WHERE id = 1 RETURNING last_sequence),
            e AS (
                INSERT INTO events (sequence, time, change, entity_kind, entity_id, project, version, actor, via,
                    request_id, request_key, write_id, summary)
                SELECT n.last_sequence - ? + d.position, ?, d.change, d.entity_kind, d.entity_id, d.project,
                    d.version, ?, ?, ?, ?, ?, d.summary
                FROM n, unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[]) WITH ORDINALITY
                    AS d(change, entity_kind, entity_id, project, version, summary, position))
            SELECT last_sequence, pg_notify(?, last_sequence::text) FROM n""";
    @Param({"sqlite", "postgres"})
    public String backend;

    /** {@code on}: the store as StateStores opens it, every operation timed; {@code none}: the bare store. */
    @Param({"on", "none"})
    public String oplog;

    @Param({"0", "999"})
    public int history;

    /** {@code each}: every append is removed again (a foreign write, cold caches); {@code never}: appends pile up. */
    @Param({"each", "never"})
    public String reset;

    private BenchBackend db;
    private PlainJdbc maintenance;
    private boolean appended;
    private String loopId;
    private CriticFeedback entry;
    private LoopSummary start;
    private Object keyIssuesJson;
    private Object recommendationsJson;
    private PreparedStatement selectLoop;
    private PreparedStatement insertFeedback;
    private PreparedStatement updateLoop;
    private PreparedStatement deleteAppended;
    private PreparedStatement resetLoop;
    private PreparedStatement newestEvent;
    private PreparedStatement insertEvent;
    private PreparedStatement appendEvent;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        db = BenchBackend.create(backend, oplog);
        loopId = db.store().createLoop(NewLoop.of(Samples.PROJECT, LoopType.SPEC)).id();
        for (int i = 0; i < history; i++) {
            db.store().addFeedback(loopId, Samples.feedback(i));
        }
        start = db.store().getLoop(loopId).summary();
        if (start.feedbackCount() != history) {
            throw new IllegalStateException("prefill left " + start.feedbackCount() + " entries, expected " + history);
        }
        db.settle();
        entry = Samples.feedback(history);
        keyIssuesJson = db.json(entry.keyIssues());
        recommendationsJson = db.json(entry.recommendations());
        selectLoop = db.jdbc().prepare(
                "SELECT status, feedback_count, version FROM loop_states WHERE id = ?" + db.forUpdate());
        insertFeedback = db.jdbc().prepare("""
                INSERT INTO critic_feedback (loop_id, seq, critic_agent, iteration, overall_score, assessment_summary,
                    detailed_feedback, key_issues, recommendations, assessed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        updateLoop = db.jdbc().prepare("""
                UPDATE loop_states SET status = ?, current_score = ?, feedback_count = ?, updated_at = ?,
                    version = version + 1
                WHERE id = ? AND version = ?""");
        if (backend.equals("postgres")) {
            appendEvent = db.jdbc().prepare(POSTGRES_APPEND_EVENT);
        } else {
            newestEvent = db.jdbc().prepare(
                    "SELECT (SELECT max(sequence) FROM events), (SELECT last_sequence FROM event_sequence WHERE id = 1)");
            insertEvent = db.jdbc().prepare("""
                    INSERT INTO events (sequence, time, change, entity_kind, entity_id, project, version, actor, via,
                        request_id, request_key, write_id, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        }
        maintenance = db.connect();
        deleteAppended = maintenance.prepare("DELETE FROM critic_feedback WHERE loop_id = ? AND seq > ?");
        resetLoop = maintenance.prepare(
                "UPDATE loop_states SET status = ?, current_score = ?, feedback_count = ? WHERE id = ?");
    }

    /** Puts the loop back to {@code history} entries after an append: not measured. */
    @TearDown(Level.Invocation)
    public void removeAppended() throws SQLException {
        if (!appended || "never".equals(reset)) {
            return;
        }
        appended = false;
        maintenance.inWriteTransaction(() -> {
            deleteAppended.setString(1, loopId);
            deleteAppended.setInt(2, history);
            deleteAppended.executeUpdate();
            resetLoop.setString(1, start.status().wire());
            resetLoop.setInt(2, start.currentScore());
            resetLoop.setInt(3, history);
            resetLoop.setString(4, loopId);
            return resetLoop.executeUpdate();
        });
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        try {
            maintenance.close();
        } finally {
            db.close();
        }
    }

    @Benchmark
    public LoopSummary statekeeper() {
        appended = true;
        return db.store().addFeedback(loopId, entry);
    }

    @Benchmark
    public int jdbc() throws SQLException {
        appended = true;
        return db.jdbc().inWriteTransaction(() -> append(false));
    }

    /**
     * {@link #jdbc} plus the event the store writes with it, by the statements the store runs (SQLite: read the
     * newest number, insert the row; PostgreSQL: one statement that numbers, inserts and notifies): what the change
     * history adds to a write, measured without the store's own code around it.
     */
    @Benchmark
    public int jdbcWithEvent() throws SQLException {
        appended = true;
        return db.jdbc().inWriteTransaction(() -> append(true));
    }

    private int append(boolean withEvent) throws SQLException {
        String status;
        int count;
        long version;
        selectLoop.setString(1, loopId);
        try (ResultSet row = selectLoop.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("no loop " + loopId);
            }
            status = row.getString(1);
            count = row.getInt(2);
            version = row.getLong(3);
        }
        Object now = db.time(Instant.now());
        insertFeedback.setString(1, loopId);
        insertFeedback.setInt(2, count + 1);
        insertFeedback.setString(3, entry.criticAgent());
        insertFeedback.setInt(4, entry.iteration());
        insertFeedback.setInt(5, entry.overallScore());
        insertFeedback.setString(6, entry.assessmentSummary());
        insertFeedback.setString(7, entry.detailedFeedback());
        insertFeedback.setObject(8, keyIssuesJson);
        insertFeedback.setObject(9, recommendationsJson);
        insertFeedback.setObject(10, now);
        insertFeedback.executeUpdate();
        updateLoop.setString(1, LoopStatus.INITIALIZED.wire().equals(status) ? LoopStatus.IN_PROGRESS.wire() : status);
        updateLoop.setInt(2, entry.overallScore());
        updateLoop.setInt(3, count + 1);
        updateLoop.setObject(4, now);
        updateLoop.setString(5, loopId);
        updateLoop.setLong(6, version);
        if (updateLoop.executeUpdate() != 1) {
            throw new SQLException("loop " + loopId + " changed concurrently");
        }
        if (withEvent) {
            event(now, version + 1, "{\"score\":" + entry.overallScore() + ",\"feedbackCount\":" + (count + 1) + "}");
        }
        return count + 1;
    }

    private void event(Object now, long version, String summary) throws SQLException {
        String writeId = UUID.randomUUID().toString();
        if (appendEvent != null) {
            Connection c = appendEvent.getConnection();
            Object[] values = {1, 1, now, "bench", "java", null, null, writeId,
                    c.createArrayOf("text", new String[] {"loop.feedback_added"}),
                    c.createArrayOf("text", new String[] {"loop"}), c.createArrayOf("text", new String[] {loopId}),
                    c.createArrayOf("text", new String[] {Samples.PROJECT}),
                    c.createArrayOf("bigint", new Long[] {version}), c.createArrayOf("text", new String[] {summary}),
                    "statekeeper_events_bench"};
            for (int i = 0; i < values.length; i++) {
                appendEvent.setObject(i + 1, values[i]);
            }
            try (ResultSet row = appendEvent.executeQuery()) {
                row.next();
            }
            return;
        }
        long sequence;
        try (ResultSet row = newestEvent.executeQuery()) {
            row.next();
            sequence = Math.max(row.getLong(1), row.getLong(2)) + 1;
        }
        Object[] values = {sequence, now, "loop.feedback_added", "loop", loopId, Samples.PROJECT, version, "bench",
                "java", null, null, writeId, summary};
        for (int i = 0; i < values.length; i++) {
            insertEvent.setObject(i + 1, values[i]);
        }
        insertEvent.executeUpdate();
    }

    @Benchmark
    public Loop statekeeperGetLoop() {
        return db.store().getLoop(loopId);
    }
}
