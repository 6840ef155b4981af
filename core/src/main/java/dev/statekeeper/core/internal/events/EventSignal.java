package dev.statekeeper.core.internal.events;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Where the followers of one store wait for its next event. A write committed by this process {@link #announce}s its
 * sequence, which wakes them at once; what other processes commit is found by looking at the store's newest sequence
 * (the {@code probe}) on entry and after each {@code poll} that nothing announced, or at once when something such as a
 * PostgreSQL notification announces it.
 * Thread-safe.
 */
public final class EventSignal {
    private final Object monitor = new Object();
    private final LongSupplier probe;
    private final long pollNanos;
    private long announced;

    /**
     * @param probe reads the store's newest sequence (0 when none)
     * @param poll  how often a waiter looks when nothing announces
     */
    public EventSignal(LongSupplier probe, Duration poll) {
        this.probe = probe;
        this.pollNanos = Math.max(1, poll.toNanos());
    }

    /** Tells the waiters that the event of this sequence committed. */
    public void announce(long sequence) {
        synchronized (monitor) {
            if (sequence > announced) {
                announced = sequence;
                monitor.notifyAll();
            }
        }
    }

    /**
     * Waits until the store's newest sequence is past {@code after}, or the timeout passes.
     *
     * @return the newest sequence seen
     * @throws InterruptedException when the thread is interrupted
     */
    public long awaitAfter(long after, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        long last = probe.getAsLong();
        while (true) {
            long heard;
            synchronized (monitor) {
                long remaining = deadline - System.nanoTime();
                if (announced <= after && last <= after && remaining > 0) {
                    TimeUnit.NANOSECONDS.timedWait(monitor, Math.min(remaining, pollNanos));
                }
                heard = announced;
            }
            if (heard > after || last > after) {
                return Math.max(heard, last);
            }
            last = probe.getAsLong(); // nothing announced: what other processes committed meanwhile
            if (deadline - System.nanoTime() <= 0) {
                return Math.max(heard, last);
            }
        }
    }
}
