package dev.statekeeper.core.internal.oplog;

/**
 * What a backend tells the operation log about the operation running on this thread: how many times it ran it
 * (retries) and how long it waited for a connection. {@link TimedStore} resets it when an operation starts and reads
 * it when it ends; the JDBC transactor counts into it. One mutable object per thread, so counting allocates nothing.
 */
public final class Probe {
    private static final ThreadLocal<Probe> CURRENT = ThreadLocal.withInitial(Probe::new);

    private int attempts;
    private long poolWaitNanos;

    private Probe() {
    }

    /** @return this thread's probe, reset for a new operation */
    static Probe start() {
        Probe probe = CURRENT.get();
        probe.attempts = 0;
        probe.poolWaitNanos = 0;
        return probe;
    }

    /** @return this thread's probe, as the backend left it */
    static Probe current() {
        return CURRENT.get();
    }

    /** Counts one run of the operation's work on this thread. */
    public static void attempt() {
        CURRENT.get().attempts++;
    }

    /**
     * Adds time spent waiting for a connection on this thread.
     *
     * @param nanos the wait
     */
    public static void poolWait(long nanos) {
        CURRENT.get().poolWaitNanos += nanos;
    }

    int attempts() {
        return Math.max(1, attempts);
    }

    long poolWaitNanos() {
        return poolWaitNanos;
    }
}
