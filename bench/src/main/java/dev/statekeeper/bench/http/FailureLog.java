package dev.statekeeper.bench.http;

import java.util.concurrent.atomic.AtomicLong;

/** Counts a run's failed calls and prints the first few, so a non-zero error count always comes with its cause. */
final class FailureLog {
    private static final int PRINTED = 5;

    private final AtomicLong count = new AtomicLong();

    void add(Exception failure) {
        long n = count.incrementAndGet();
        if (n <= PRINTED) {
            System.err.println("failed call " + n + ": " + failure);
        }
    }

    long count() {
        return count.get();
    }
}
