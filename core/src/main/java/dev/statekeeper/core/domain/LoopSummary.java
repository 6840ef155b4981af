package dev.statekeeper.core.domain;

import java.time.Instant;

/** A loop without its feedback bodies: what lists and the active-loop history return. */
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
