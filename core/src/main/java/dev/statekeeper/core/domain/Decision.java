package dev.statekeeper.core.domain;

/**
 * The outcome of deciding a loop's next action: the new status, the iteration the loop is now at, the
 * score and threshold that were compared, and why.
 *
 * @param loopId    the loop's id
 * @param status    the loop's new status: {@code completed}, {@code user_input} or {@code refine}
 * @param iteration the iteration the loop is now at (one more, unless completed)
 * @param score     the latest overall score
 * @param threshold the loop type's threshold it was compared with
 * @param reason    why, in words: "score 72 is below the spec threshold 85"
 * @param version   the loop's version after the decision
 */
public record Decision(String loopId, LoopStatus status, int iteration, int score, int threshold, String reason,
                       long version) {
}
