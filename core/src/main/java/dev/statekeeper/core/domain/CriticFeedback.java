package dev.statekeeper.core.domain;

import dev.statekeeper.core.error.Checks;
import dev.statekeeper.core.error.Violation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One critic's assessment of a loop iteration. {@code timestamp} may be null on input; the store then
 * stamps it with the time of the append.
 */
public record CriticFeedback(
        String criticAgent,
        int iteration,
        int overallScore,
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
                .atLeast("iteration", iteration, 1)
                .range("overallScore", overallScore, 0, 100)
                .text("assessmentSummary", assessmentSummary, MAX_TEXT)
                .optionalText("detailedFeedback", detailedFeedback, MAX_TEXT)
                .textList("keyIssues", keyIssues, MAX_TEXT)
                .textList("recommendations", recommendations, MAX_TEXT);
        if (timestamp != null && (timestamp.isBefore(Timestamps.MIN) || timestamp.isAfter(Timestamps.MAX))) {
            checks.add(new Violation("timestamp", timestamp, "must be between " + Timestamps.MIN + " and " + Timestamps.MAX));
        }
        checks.orThrow();
    }

    public CriticFeedback withTimestamp(Instant at) {
        return new CriticFeedback(criticAgent, iteration, overallScore, assessmentSummary, detailedFeedback,
                keyIssues, recommendations, at);
    }
}
