package dev.statekeeper.core.domain;

import java.time.Instant;
import java.util.List;

/**
 * A refinement loop with its whole feedback history. {@code scoreHistory} is the overall score of each
 * feedback entry in order (derived, never stored twice); {@code version} grows by one on every change.
 */
public record Loop(
        String id,
        String project,
        LoopType type,
        LoopStatus status,
        int currentScore,
        List<Integer> scoreHistory,
        int iteration,
        List<CriticFeedback> feedback,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Loop {
        scoreHistory = List.copyOf(scoreHistory);
        feedback = List.copyOf(feedback);
    }

    public LoopSummary summary() {
        return new LoopSummary(id, project, type, status, currentScore, iteration, feedback.size(), createdAt,
                updatedAt, version);
    }
}
