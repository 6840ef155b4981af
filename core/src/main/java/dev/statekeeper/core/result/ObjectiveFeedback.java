package dev.statekeeper.core.result;

/**
 * A loop's objective feedback text, as read or as just stored: {@code {"loopId": ..., "text": ...}}.
 *
 * @param loopId the loop's id
 * @param text   the text
 */
public record ObjectiveFeedback(String loopId, String text) {
}
