package dev.statekeeper.core.domain;

/**
 * The outcome of deciding a loop's next action: the new status, the iteration the loop is now at, the
 * score and threshold that were compared, and why.
 */
public record Decision(String loopId, LoopStatus status, int iteration, int score, int threshold, String reason,
                       long version) {
}
