package dev.statekeeper.bench;

import org.openjdk.jmh.infra.Blackhole;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The get-loop baseline: the two SELECTs the store runs (the loop row by id, its feedback rows by loop id in
 * seq order), prepared once on one connection, every column read into a {@link Blackhole}; no objects built,
 * no JSON parsed.
 */
final class LoopReader {
    static final String LOOP_COLUMNS = "l.id, l.project_name, l.loop_type, l.status, l.current_score, l.iteration, "
            + "l.feedback_count, l.created_at, l.updated_at, l.version";

    private final BenchBackend backend;
    private final PreparedStatement selectLoop;
    private final PreparedStatement selectFeedback;

    LoopReader(BenchBackend backend, PlainJdbc jdbc) throws SQLException {
        this.backend = backend;
        selectLoop = jdbc.prepare("SELECT " + LOOP_COLUMNS + " FROM loop_states l WHERE l.id = ?");
        selectFeedback = jdbc.prepare("""
                SELECT critic_agent, iteration, overall_score, assessment_summary, detailed_feedback, key_issues,
                       recommendations, assessed_at
                FROM critic_feedback WHERE loop_id = ? ORDER BY seq""");
    }

    void read(String id, Blackhole bh) throws SQLException {
        selectLoop.setString(1, id);
        try (ResultSet row = selectLoop.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("no loop " + id);
            }
            consumeLoopRow(backend, row, bh);
        }
        selectFeedback.setString(1, id);
        try (ResultSet rows = selectFeedback.executeQuery()) {
            while (rows.next()) {
                bh.consume(rows.getString(1));
                bh.consume(rows.getInt(2));
                bh.consume(rows.getInt(3));
                bh.consume(rows.getString(4));
                bh.consume(rows.getString(5));
                bh.consume(rows.getString(6));
                bh.consume(rows.getString(7));
                bh.consume(backend.time(rows, 8));
            }
        }
    }

    /** Reads the {@link #LOOP_COLUMNS} of the current row. */
    static void consumeLoopRow(BenchBackend backend, ResultSet row, Blackhole bh) throws SQLException {
        bh.consume(row.getString(1));
        bh.consume(row.getString(2));
        bh.consume(row.getString(3));
        bh.consume(row.getString(4));
        bh.consume(row.getInt(5));
        bh.consume(row.getInt(6));
        bh.consume(row.getInt(7));
        bh.consume(backend.time(row, 8));
        bh.consume(backend.time(row, 9));
        bh.consume(row.getLong(10));
    }
}
