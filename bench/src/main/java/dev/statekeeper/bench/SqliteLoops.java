package dev.statekeeper.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

/** Large SQLite fixtures written with plain batched SQL (one API call per loop would take minutes at 1,000,000). */
public final class SqliteLoops {
    private SqliteLoops() {
    }

    /**
     * Adds N loops in progress, with one feedback entry each, to a store file the store created (its schema is
     * current), in one transaction; ids are {@code 00000000}, {@code 00000001}, ...
     */
    public static void fill(Path file, int loops) throws SQLException {
        long now = System.currentTimeMillis() * 1000;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            try (PreparedStatement loop = c.prepareStatement("INSERT INTO loop_states (id, project_name, loop_type, "
                    + "status, current_score, iteration, feedback_count, created_at, updated_at, version) "
                    + "VALUES (?, ?, 'spec', 'in_progress', ?, 1, 1, ?, ?, 2)");
                 PreparedStatement feedback = c.prepareStatement("INSERT INTO critic_feedback (loop_id, seq, "
                         + "critic_agent, iteration, overall_score, assessment_summary, detailed_feedback, key_issues, "
                         + "recommendations, assessed_at) VALUES (?, 1, 'spec-critic', 1, ?, ?, ?, "
                         + "'[\"no error model\"]', '[\"add error codes\"]', ?)")) {
                for (int i = 0; i < loops; i++) {
                    String id = String.format(Locale.ROOT, "%08x", i);
                    loop.setString(1, id);
                    loop.setString(2, "project-" + i % 100);
                    loop.setInt(3, i % 101);
                    loop.setLong(4, now + i);
                    loop.setLong(5, now + i);
                    loop.addBatch();
                    feedback.setString(1, id);
                    feedback.setInt(2, i % 101);
                    feedback.setString(3, "assessment of loop " + i);
                    feedback.setString(4, "details of the assessment of loop " + i);
                    feedback.setLong(5, now + i);
                    feedback.addBatch();
                    if (i % 10_000 == 9_999) {
                        loop.executeBatch();
                        feedback.executeBatch();
                    }
                }
                loop.executeBatch();
                feedback.executeBatch();
            }
            c.commit();
        }
    }
}
