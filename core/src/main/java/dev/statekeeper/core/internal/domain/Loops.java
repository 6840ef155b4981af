package dev.statekeeper.core.internal.domain;

import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.error.Checks;
import dev.statekeeper.core.internal.error.Errors;

import java.security.SecureRandom;
import java.time.Instant;

/** Loop ids and the rules of feedback and cleaning that every backend applies. */
public final class Loops {
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Loops() {
    }

    /**
     * A new random loop id, from a {@link SecureRandom}; thread-safe.
     *
     * @return 8 characters of [a-z0-9] (36^8 possibilities)
     */
    public static String newId() {
        char[] id = new char[8];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    /**
     * Checks objective feedback: required text of at most {@link CriticFeedback#MAX_TEXT} characters.
     *
     * @param text the text
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} for a blank, too long or unstorable text
     */
    public static void validateObjective(String text) {
        Checks.of("objective feedback").text("feedback", text, CriticFeedback.MAX_TEXT).orThrow();
    }

    /**
     * The entry as stored: its own iteration, or the loop's {@code currentIteration} when it names none; its own
     * timestamp at microsecond precision, or {@code now} when it has none. Backends call it inside the append's
     * write, with the iteration read there, so a concurrent decide cannot slip in between.
     *
     * @param feedback         the entry as given
     * @param currentIteration the loop's iteration, read in the write
     * @param now              the time of the append
     * @return the entry with its iteration and timestamp set
     */
    public static CriticFeedback stamped(CriticFeedback feedback, int currentIteration, Instant now) {
        return feedback.stored(feedback.iteration() == null ? currentIteration : feedback.iteration(),
                feedback.timestamp() == null ? now : Timestamps.truncate(feedback.timestamp()));
    }

    /**
     * Refuses a write to a completed loop with LOOP_COMPLETED: a loop is final once its score reached the
     * threshold, so neither feedback (which would change the score it completed with) nor a decision applies.
     * Backends call it inside the write, on the state they locked.
     *
     * @param id        the loop's id
     * @param status    its status
     * @param score     its current score, for the message
     * @param iteration its iteration, for the message
     * @param refused   what is refused: {@code feedback} or {@code decisions}
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#LOOP_COMPLETED} when the status is {@code completed}
     */
    public static void requireOpen(String id, LoopStatus status, int score, int iteration, String refused) {
        if (status == LoopStatus.COMPLETED) {
            throw Errors.loopCompleted(id, score, iteration, refused);
        }
    }

    /**
     * The status after a feedback append: a fresh loop starts progressing; any other status stays.
     *
     * @param current the status before
     * @return {@code in_progress} for {@code initialized}, else {@code current}
     */
    public static LoopStatus statusAfterFeedback(LoopStatus current) {
        return current == LoopStatus.INITIALIZED ? LoopStatus.IN_PROGRESS : current;
    }

    /**
     * Whether a clean removes the loop: completed, and last updated strictly before the cutoff.
     *
     * @param status    the loop's status
     * @param updatedAt when it last changed
     * @param cutoff    the instant from {@link Retention#cutoff}
     * @return true when a clean removes it
     */
    public static boolean cleanable(LoopStatus status, Instant updatedAt, Instant cutoff) {
        return status == LoopStatus.COMPLETED && updatedAt.isBefore(cutoff);
    }
}
