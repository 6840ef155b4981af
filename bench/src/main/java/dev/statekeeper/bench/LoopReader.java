package dev.statekeeper.bench;

import org.openjdk.jmh.infra.Blackhole;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The get-loop baseline: the one SELECT the store runs (the loop row by id joined with its feedback rows in seq
 * order), prepared once on one connection, every column read into a {@link Blackhole}; no objects built, no JSON
 * parsed.
 */
final class LoopReader {
    static final String LOOP_COLUMNS = "l.id, l.project_name, l.loop_type, l.status, l.current_score, l.iteration, "
            + "l.feedback_count, l.created_at, l.updated_at, l.version";

    private final BenchBackend backend;
    private final PreparedStatement selectLoop;

    LoopReader(BenchBackend backend, PlainJdbc jdbc) throws SQLException {
        this.backend = backend;
        selectLoop = jdbc.prepare("SELECT " + LOOP_COLUMNS + """
                , f.seq, f.critic_agent, f.iteration AS feedback_iteration, f.overall_score, f.assessment_summary,
                  f.detailed_feedback, f.key_issues, f.recommendations, f.assessed_at
                FROM loop_states l LEFT JOIN critic_feedback f ON f.loop_id = l.id WHERE l.id = ? ORDER BY f.seq""");
    }

    void read(String id, Blackhole bh) throws SQLException {
        selectLoop.setString(1, id);
        try (ResultSet rows = selectLoop.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("no loop " + id);
            }
            consumeLoopRow(backend, rows, bh);
            do {
                rows.getInt(11);
                if (!rows.wasNull()) {
                    bh.consume(rows.getString(12));
                    bh.consume(rows.getInt(13));
                    bh.consume(rows.getInt(14));
                    bh.consume(rows.getString(15));
                    bh.consume(rows.getString(16));
                    bh.consume(rows.getString(17));
                    bh.consume(rows.getString(18));
                    bh.consume(backend.time(rows, 19));
                }
            } while (rows.next());
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
