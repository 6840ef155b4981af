package dev.statekeeper.server;

import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Requests that wait for the store's events on their request thread: the API's event streams, or its long polls. At
 * most {@code max} of each kind wait at once (each holds one of Jetty's threads, so the bound keeps the pool free for
 * other requests); one more is refused with 503 {@code too-many-waits} and Retry-After. Each is registered with the
 * server's {@link EventStreams}, so a stop ends it at once: its thread is interrupted out of its wait.
 */
final class Waits {
    /** The seconds a client refused for too many waits waits before it retries. */
    static final int RETRY_AFTER = 5;

    private final EventStreams streams;
    private final Semaphore places;
    private final int max;
    private final String what;

    /**
     * @param streams where the waits are registered
     * @param max     how many may wait at once
     * @param what    what they are, in the refusal's message ("event streams")
     */
    Waits(EventStreams streams, int max, String what) {
        this.streams = streams;
        this.places = new Semaphore(max);
        this.max = max;
        this.what = what;
    }

    /** Takes a place for the current thread's wait, or refuses it (503) when all are taken or the server stops. */
    Place enter() {
        if (streams.closed()) {
            throw new HttpFailure(503, "server-stopping", "the server is stopping; retry once it is back",
                    Map.of("retryAfter", RETRY_AFTER));
        }
        if (!places.tryAcquire()) {
            throw new HttpFailure(503, "too-many-waits", "the server already has " + max + " " + what + " open, as "
                    + "many as it serves at once; retry after " + RETRY_AFTER + " s",
                    Map.of("retryAfter", RETRY_AFTER, "limit", max));
        }
        Place place = new Place(Thread.currentThread());
        streams.opened(place, place::end);
        return place;
    }

    /** How many wait now. */
    int waiting() {
        return max - places.availablePermits();
    }

    /** One wait's place: ended by a server stop (its thread interrupted), released by closing it. */
    final class Place implements AutoCloseable {
        private final Thread thread;
        private boolean ended;
        private boolean closed;

        private Place(Thread thread) {
            this.thread = thread;
        }

        /** Whether the server ended this wait. */
        synchronized boolean ended() {
            return ended;
        }

        private synchronized void end() {
            if (!closed) {
                ended = true;
                thread.interrupt();
            }
        }

        /** Releases the place, and clears an interrupt its end left on the thread (a pool thread goes on). */
        @Override
        public void close() {
            synchronized (this) {
                closed = true;
            }
            streams.ended(this);
            places.release();
            Thread.interrupted();
        }
    }
}
