package dev.statekeeper.core.domain;

import java.time.Instant;

/**
 * A loop without its feedback bodies: what lists, the active-loop history and a feedback append return.
 *
 * @param id            the loop's id
 * @param project       the project it belongs to
 * @param type          what it refines
 * @param status        where it stands
 * @param currentScore  the overall score of the latest feedback, 0 before any
 * @param iteration     the current iteration, from 1
 * @param feedbackCount how many feedback entries it has
 * @param createdAt     when it was created
 * @param updatedAt     when it last changed
 * @param version       1 when created, one more on every change
 */
public record LoopSummary(
        String id,
        String project,
        LoopType type,
        LoopStatus status,
        int currentScore,
        int iteration,
        int feedbackCount,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
