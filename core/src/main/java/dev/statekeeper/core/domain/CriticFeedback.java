package dev.statekeeper.core.domain;

import dev.statekeeper.core.internal.domain.Loops;
import dev.statekeeper.core.internal.domain.Timestamps;
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
 *
 * <p>{@link #builder()} names each field, where the canonical constructor takes eight in a row:
 * <pre>{@code
 * CriticFeedback feedback = CriticFeedback.builder()
 *         .criticAgent("spec-critic").overallScore(72).assessmentSummary("Solid start")
 *         .keyIssues(List.of("no error model"))
 *         .build();
 * }</pre>
 *
 * @param criticAgent       the critic's name (required, at most 100 characters)
 * @param iteration         the iteration assessed (at least 1), or null for the loop's current one
 * @param overallScore      the overall score, 0-100 (required)
 * @param assessmentSummary the assessment in short (required, at most {@value #MAX_TEXT} characters)
 * @param detailedFeedback  the assessment in full; null becomes ""
 * @param keyIssues         the key issues, in order; null becomes none
 * @param recommendations   the recommendations, in order; null becomes none
 * @param timestamp         when it was assessed, years 1-9999, or null for the time of the append
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

    /** The most characters a text of the feedback (summary, details, each issue and recommendation) may hold. */
    public static final int MAX_TEXT = 100_000;
    /** The lowest overall score. */
    public static final int MIN_SCORE = 0;
    /** The highest overall score. */
    public static final int MAX_SCORE = 100;
    /** The longest critic name, in characters. */
    public static final int MAX_CRITIC_AGENT = 100;
    /** The first iteration of a loop. */
    public static final int FIRST_ITERATION = 1;

    /** Makes null details "" and null lists empty, copying the lists; the record's lists are unmodifiable. */
    public CriticFeedback {
        detailedFeedback = detailedFeedback == null ? "" : detailedFeedback;
        keyIssues = keyIssues == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(keyIssues));
        recommendations = recommendations == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(recommendations));
    }

    /**
     * Checks every rule at once; every store runs it when it appends the entry.
     *
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} naming each broken field
     */
    public void validate() {
        Checks checks = Checks.of("feedback")
                .text("criticAgent", criticAgent, MAX_CRITIC_AGENT)
                .optionalAtLeast("iteration", iteration, FIRST_ITERATION)
                .requiredRange("overallScore", overallScore, MIN_SCORE, MAX_SCORE)
                .text("assessmentSummary", assessmentSummary, MAX_TEXT)
                .optionalText("detailedFeedback", detailedFeedback, MAX_TEXT)
                .textList("keyIssues", keyIssues, MAX_TEXT)
                .textList("recommendations", recommendations, MAX_TEXT);
        if (timestamp != null && (timestamp.isBefore(Timestamps.MIN) || timestamp.isAfter(Timestamps.MAX))) {
            checks.add(new Violation("timestamp", timestamp, "must be between " + Timestamps.MIN + " and " + Timestamps.MAX));
        }
        checks.orThrow();
    }

    /**
     * A builder with every field unset: null, or the empty text and lists the constructor makes of null.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The entry at that iteration and time, as a store keeps it.
     *
     * @param atIteration the iteration
     * @param at          the time
     * @return a copy with those two fields set
     */
    public CriticFeedback stored(int atIteration, Instant at) {
        return new CriticFeedback(criticAgent, atIteration, overallScore, assessmentSummary, detailedFeedback,
                keyIssues, recommendations, at);
    }

    /**
     * Builds a {@link CriticFeedback} field by field. {@link #build()} goes through the canonical constructor and
     * so does what it does, no more: a null {@code detailedFeedback} becomes "", null lists empty ones. The rules
     * are checked where the record's are, by {@link CriticFeedback#validate()}, which every store runs when it
     * appends the entry (VALIDATION_FAILED naming each broken field); call it to check sooner.
     */
    public static final class Builder {
        private String criticAgent;
        private Integer iteration;
        private Integer overallScore;
        private String assessmentSummary;
        private String detailedFeedback;
        private List<String> keyIssues;
        private List<String> recommendations;
        private Instant timestamp;

        private Builder() {
        }

        /**
         * The critic's name (required, at most 100 characters).
         *
         * @param criticAgent the value
         * @return this builder
         */
        public Builder criticAgent(String criticAgent) {
            this.criticAgent = criticAgent;
            return this;
        }

        /**
         * The iteration assessed (at least 1); null, the default, takes the loop's current iteration.
         *
         * @param iteration the value
         * @return this builder
         */
        public Builder iteration(Integer iteration) {
            this.iteration = iteration;
            return this;
        }

        /**
         * The overall score, 0-100 (required).
         *
         * @param overallScore the value
         * @return this builder
         */
        public Builder overallScore(Integer overallScore) {
            this.overallScore = overallScore;
            return this;
        }

        /**
         * The assessment summary (required).
         *
         * @param assessmentSummary the value
         * @return this builder
         */
        public Builder assessmentSummary(String assessmentSummary) {
            this.assessmentSummary = assessmentSummary;
            return this;
        }

        /**
         * Detailed feedback; null, the default, is "".
         *
         * @param detailedFeedback the value
         * @return this builder
         */
        public Builder detailedFeedback(String detailedFeedback) {
            this.detailedFeedback = detailedFeedback;
            return this;
        }

        /**
         * The key issues, in order (copied by {@link #build()}); null, the default, is none.
         *
         * @param keyIssues the value
         * @return this builder
         */
        public Builder keyIssues(List<String> keyIssues) {
            this.keyIssues = keyIssues;
            return this;
        }

        /**
         * The recommendations, in order (copied by {@link #build()}); null, the default, is none.
         *
         * @param recommendations the value
         * @return this builder
         */
        public Builder recommendations(List<String> recommendations) {
            this.recommendations = recommendations;
            return this;
        }

        /**
         * When it was assessed; null, the default, takes the time of the append.
         *
         * @param timestamp the value
         * @return this builder
         */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /**
         * The feedback as the canonical constructor makes it of these fields; not validated.
         *
         * @return the feedback
         */
        public CriticFeedback build() {
            return new CriticFeedback(criticAgent, iteration, overallScore, assessmentSummary, detailedFeedback,
                    keyIssues, recommendations, timestamp);
        }
    }
}
