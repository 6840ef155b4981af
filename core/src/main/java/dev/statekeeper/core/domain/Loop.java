package dev.statekeeper.core.domain;

import java.time.Instant;
import java.util.List;

/**
 * A refinement loop with its whole feedback history. {@code scoreHistory} is the overall score of each
 * feedback entry in order (derived, never stored twice); {@code version} grows by one on every change.
 *
 * @param id           the loop's id
 * @param project      the project it belongs to
 * @param type         what it refines
 * @param status       where it stands
 * @param currentScore the overall score of the latest feedback, 0 before any
 * @param scoreHistory the overall score of each feedback entry, oldest first
 * @param iteration    the current iteration, from 1; each decision but {@code completed} advances it
 * @param feedback     every feedback entry, oldest first, each with its iteration and timestamp
 * @param createdAt    when it was created
 * @param updatedAt    when it last changed
 * @param version      1 when created, one more on every change (feedback, decision)
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

    /** Copies the lists; the record's lists are unmodifiable. */
    public Loop {
        scoreHistory = List.copyOf(scoreHistory);
        feedback = List.copyOf(feedback);
    }

    /**
     * The loop without its feedback bodies, as lists return it.
     *
     * @return the summary, its feedback count the number of entries
     */
    public LoopSummary summary() {
        return new LoopSummary(id, project, type, status, currentScore, iteration, feedback.size(), createdAt,
                updatedAt, version);
    }
}
