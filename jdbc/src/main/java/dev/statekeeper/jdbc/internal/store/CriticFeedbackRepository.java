package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.jdbc.internal.JsonColumns;
import dev.statekeeper.jdbc.internal.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The critic_feedback table: one row per entry, numbered 1, 2, ... per loop. */
final class CriticFeedbackRepository {
    private final Dialect dialect;

    CriticFeedbackRepository(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Appends entry number {@code seq}: one INSERT, whatever the length of the loop's history. The request key
     * lets a retried append find out that it was applied ({@link #applied}).
     */
    void insert(Connection c, String loopId, int seq, CriticFeedback f, String requestKey) throws SQLException {
        Sql.update(c, """
                INSERT INTO critic_feedback (loop_id, seq, critic_agent, iteration, overall_score, assessment_summary,
                    detailed_feedback, key_issues, recommendations, assessed_at, request_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                loopId, seq, f.criticAgent(), f.iteration(), f.overallScore(), f.assessmentSummary(),
                f.detailedFeedback(), dialect.json(f.keyIssues()), dialect.json(f.recommendations()),
                dialect.time(f.timestamp()), requestKey);
    }

    /** Whether the loop has the entry appended by the request with that key. */
    boolean applied(Connection c, String loopId, String requestKey) throws SQLException {
        return Sql.first(c, "SELECT 1 FROM critic_feedback WHERE loop_id = ? AND request_key = ?", row -> true,
                loopId, requestKey).isPresent();
    }

    /**
     * The columns {@link #map} reads, for a query that joins critic_feedback as {@code f} (its iteration is
     * renamed, as the loop row has one too); {@code f.seq} is null on the row of a loop without feedback.
     */
    static final String COLUMNS = "f.seq, f.critic_agent, f.iteration AS feedback_iteration, f.overall_score, "
            + "f.assessment_summary, f.detailed_feedback, f.key_issues, f.recommendations, f.assessed_at";

    /** The loop's last two overall scores, oldest first: all that deciding looks at. */
    List<Integer> lastScores(Connection c, String loopId) throws SQLException {
        return Sql.list(c, "SELECT overall_score FROM critic_feedback WHERE loop_id = ? ORDER BY seq DESC LIMIT 2",
                row -> row.getInt(1), loopId).reversed();
    }

    /** The entry on a row of a query that selects {@link #COLUMNS}. */
    CriticFeedback map(ResultSet row, String loopId) throws SQLException {
        String where = "feedback of loop '" + loopId + "'";
        return CriticFeedback.builder()
                .criticAgent(row.getString("critic_agent"))
                .iteration(row.getInt("feedback_iteration"))
                .overallScore(row.getInt("overall_score"))
                .assessmentSummary(row.getString("assessment_summary"))
                .detailedFeedback(row.getString("detailed_feedback"))
                .keyIssues(JsonColumns.strings(row.getString("key_issues"), where))
                .recommendations(JsonColumns.strings(row.getString("recommendations"), where))
                .timestamp(dialect.time(row, "assessed_at"))
                .build();
    }
}
