package dev.statekeeper.core.domain;

import dev.statekeeper.core.error.Checks;

import java.security.SecureRandom;
import java.time.Instant;

/** Loop ids and the rules of feedback and cleaning that every backend applies. */
public final class Loops {
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Loops() {
    }

    /** A new random 8-character loop id of [a-z0-9] (36^8 possibilities). */
    public static String newId() {
        char[] id = new char[8];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    /** Objective feedback is required text of at most {@link CriticFeedback#MAX_TEXT} characters. */
    public static void validateObjective(String text) {
        Checks.of("objective feedback").text("feedback", text, CriticFeedback.MAX_TEXT).orThrow();
    }

    /** The entry as stored: its own timestamp at microsecond precision, or {@code now} when it has none. */
    public static CriticFeedback stamped(CriticFeedback feedback, Instant now) {
        return feedback.withTimestamp(feedback.timestamp() == null ? now : Timestamps.truncate(feedback.timestamp()));
    }

    /** Status after a feedback append: a fresh loop starts progressing; any other status stays. */
    public static LoopStatus statusAfterFeedback(LoopStatus current) {
        return current == LoopStatus.INITIALIZED ? LoopStatus.IN_PROGRESS : current;
    }

    /** A completed loop last updated strictly before the cutoff: what {@code loop clean} removes. */
    public static boolean cleanable(LoopStatus status, Instant updatedAt, Instant cutoff) {
        return status == LoopStatus.COMPLETED && updatedAt.isBefore(cutoff);
    }
}
