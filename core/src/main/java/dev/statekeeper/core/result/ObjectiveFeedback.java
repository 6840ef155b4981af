package dev.statekeeper.core.result;

/** A loop's objective feedback text, as read or as just stored: {@code {"loopId": ..., "text": ...}}. */
public record ObjectiveFeedback(String loopId, String text) {
}
