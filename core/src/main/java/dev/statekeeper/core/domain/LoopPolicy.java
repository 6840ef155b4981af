package dev.statekeeper.core.domain;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How a loop decides its next action (SPEC "decide next action"):
 * <ol>
 *   <li>no feedback yet: refused with NO_FEEDBACK;</li>
 *   <li>latest score >= the loop type's threshold: {@code completed};</li>
 *   <li>the current iteration is a checkpoint (a multiple of {@code checkpointEvery}): {@code user_input};</li>
 *   <li>stagnation, the latest score improved on the previous one by less than {@code minImprovement}:
 *       {@code user_input};</li>
 *   <li>otherwise {@code refine}.</li>
 * </ol>
 * Every outcome but {@code completed} advances the iteration, so the next round is a new iteration.
 * {@link dev.statekeeper.core.config.Settings#loopPolicy()} builds one from the STATEKEEPER_THRESHOLD_*,
 * STATEKEEPER_CHECKPOINT_EVERY and STATEKEEPER_MIN_IMPROVEMENT settings.
 *
 * @param thresholds      the score that completes a loop of each type; a type left out takes its default
 * @param checkpointEvery every how many iterations a loop asks for user input
 * @param minImprovement  the least score gain between the last two feedbacks that is not stagnation
 */
public record LoopPolicy(Map<LoopType, Integer> thresholds, int checkpointEvery, int minImprovement) {

    /** The defaults: {@link #defaultThresholds()}, a checkpoint every 5 iterations, a minimum improvement of 5. */
    public static final LoopPolicy DEFAULT = new LoopPolicy(defaultThresholds(), 5, 5);

    /** Fills the thresholds of the types left out with their defaults; the record's map is unmodifiable. */
    public LoopPolicy {
        EnumMap<LoopType, Integer> all = new EnumMap<>(defaultThresholds());
        all.putAll(thresholds);
        thresholds = Map.copyOf(all);
    }

    /**
     * The default thresholds: plan 85, roadmap 90, spec 85, build_plan 80, build_code 95, analyst 90.
     *
     * @return a new, modifiable map of every type
     */
    public static Map<LoopType, Integer> defaultThresholds() {
        EnumMap<LoopType, Integer> t = new EnumMap<>(LoopType.class);
        t.put(LoopType.PLAN, 85);
        t.put(LoopType.ROADMAP, 90);
        t.put(LoopType.SPEC, 85);
        t.put(LoopType.BUILD_PLAN, 80);
        t.put(LoopType.BUILD_CODE, 95);
        t.put(LoopType.ANALYST, 90);
        return t;
    }

    /**
     * The score that completes a loop of the type.
     *
     * @param type the loop's type
     * @return its threshold
     */
    public int threshold(LoopType type) {
        return thresholds.get(type);
    }

    /**
     * Decides for a loop given its most recent scores, oldest first: the last two are all the rules look
     * at, so backends need not read the whole history (an empty list means no feedback yet).
     *
     * @param loopId      the loop's id, for the decision and messages
     * @param type        its type, which sets the threshold
     * @param iteration   its current iteration
     * @param scores      its most recent overall scores, oldest first (at least the last two, when it has them)
     * @param nextVersion the version the loop will be at once the decision is stored
     * @return the decision
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#NO_FEEDBACK} when {@code scores} is empty
     */
    public Decision decide(String loopId, LoopType type, int iteration, List<Integer> scores, long nextVersion) {
        if (scores.isEmpty()) {
            throw new StatekeeperException(ErrorCode.NO_FEEDBACK,
                    "loop '" + loopId + "' has no critic feedback yet, so there is nothing to decide on");
        }
        int score = scores.getLast();
        int threshold = threshold(type);
        if (score >= threshold) {
            return new Decision(loopId, LoopStatus.COMPLETED, iteration, score, threshold,
                    "score " + score + " reached the " + type + " threshold " + threshold, nextVersion);
        }
        String reason;
        LoopStatus status;
        if (iteration % checkpointEvery == 0) {
            status = LoopStatus.USER_INPUT;
            reason = "iteration " + iteration + " is a checkpoint (every " + checkpointEvery + " iterations)";
        } else if (scores.size() >= 2 && score - scores.get(scores.size() - 2) < minImprovement) {
            status = LoopStatus.USER_INPUT;
            reason = "stagnation: score " + score + " improved by less than " + minImprovement + " on "
                    + scores.get(scores.size() - 2);
        } else {
            status = LoopStatus.REFINE;
            reason = "score " + score + " is below the " + type + " threshold " + threshold;
        }
        return new Decision(loopId, status, iteration + 1, score, threshold, reason, nextVersion);
    }
}
