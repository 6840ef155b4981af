package dev.statekeeper.core.domain;

import dev.statekeeper.core.error.Checks;
import dev.statekeeper.core.error.Violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One critic's assessment of a loop iteration. {@code overallScore} is required ({@link #validate} refuses an
 * entry without it, whichever adapter read it). {@code iteration} and {@code timestamp} may be null on input:
 * the store then takes the loop's current iteration and the time of the append, both read in the append's own
 * write ({@link Loops#stamped}), so an entry as stored and returned always has them.
 */
public record CriticFeedback(
        String criticAgent,
        Integer iteration,
        Integer overallScore,
        String assessmentSummary,
        String detailedFeedback,
        List<String> keyIssues,
        List<String> recommendations,
        Instant timestamp) {

    public static final int MAX_TEXT = 100_000;

    public CriticFeedback {
        detailedFeedback = detailedFeedback == null ? "" : detailedFeedback;
        keyIssues = keyIssues == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(keyIssues));
        recommendations = recommendations == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(recommendations));
    }

    /** Checks every rule at once; throws VALIDATION_FAILED naming each broken field. */
    public void validate() {
        Checks checks = Checks.of("feedback")
                .text("criticAgent", criticAgent, 100)
                .optionalAtLeast("iteration", iteration, 1)
                .requiredRange("overallScore", overallScore, 0, 100)
                .text("assessmentSummary", assessmentSummary, MAX_TEXT)
                .optionalText("detailedFeedback", detailedFeedback, MAX_TEXT)
                .textList("keyIssues", keyIssues, MAX_TEXT)
                .textList("recommendations", recommendations, MAX_TEXT);
        if (timestamp != null && (timestamp.isBefore(Timestamps.MIN) || timestamp.isAfter(Timestamps.MAX))) {
            checks.add(new Violation("timestamp", timestamp, "must be between " + Timestamps.MIN + " and " + Timestamps.MAX));
        }
        checks.orThrow();
    }

    /** The entry at that iteration and time, as a store keeps it. */
    public CriticFeedback stored(int atIteration, Instant at) {
        return new CriticFeedback(criticAgent, atIteration, overallScore, assessmentSummary, detailedFeedback,
                keyIssues, recommendations, at);
    }
}
