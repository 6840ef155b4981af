package dev.statekeeper.core.domain;

import java.security.SecureRandom;

/** Loop ids and the feedback transition every backend applies. */
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

    /** Status after a feedback append: a fresh loop starts progressing; any other status stays. */
    public static LoopStatus statusAfterFeedback(LoopStatus current) {
        return current == LoopStatus.INITIALIZED ? LoopStatus.IN_PROGRESS : current;
    }
}
