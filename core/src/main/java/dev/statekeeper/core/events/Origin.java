package dev.statekeeper.core.events;

import dev.statekeeper.core.internal.domain.Labels;

import java.util.Objects;

/**
 * Who is writing, through which interface, and with which Idempotency-Key: what the events of the writes made on
 * this thread record. Open one per request and close it when the request ends:
 *
 * <pre>
 * try (Origin.Scope scope = Origin.of(Via.HTTP, tokenName).withRequestKey(key, fingerprint).open()) {
 *     store.addFeedback(...);
 * }
 * </pre>
 *
 * Without one, writes are recorded as made through {@link Via#JAVA} by nobody in particular.
 *
 * @param actor              who writes (an API token's name, an OS user, an {@code actor} argument), or null; cut to
 *                           {@value #MAX_ACTOR} characters, control characters and lone surrogates replaced by '?'
 * @param via                the interface
 * @param requestKey         the request's Idempotency-Key, or null: a write carrying one keeps it in the same
 *                           transaction, and a second write with the same key is refused (see {@link RequestKeys})
 * @param requestFingerprint what identifies the request under that key (a digest of method, path and body); null
 *                           without a key
 */
public record Origin(String actor, Via via, String requestKey, String requestFingerprint) {
    /** The longest actor kept. */
    public static final int MAX_ACTOR = 200;
    private static final Origin JAVA = new Origin(null, Via.JAVA, null, null);
    private static final ThreadLocal<Origin> CURRENT = new ThreadLocal<>();

    /** Cleans the actor and checks the interface. */
    public Origin {
        Objects.requireNonNull(via, "via");
        actor = actor == null || actor.isBlank() ? null : Labels.printable(actor, MAX_ACTOR).strip();
        if ((requestKey == null) != (requestFingerprint == null)) {
            throw new IllegalArgumentException("a request key needs a fingerprint, and a fingerprint a key");
        }
    }

    /** @return writes through this interface by this actor (null: nobody said), without a request key */
    public static Origin of(Via via, String actor) {
        return new Origin(actor, via, null, null);
    }

    /** @return the origin open on this thread, or writes through the Java API by nobody in particular */
    public static Origin current() {
        Origin origin = CURRENT.get();
        return origin == null ? JAVA : origin;
    }

    /** @return this origin carrying an Idempotency-Key and the request's fingerprint */
    public Origin withRequestKey(String key, String fingerprint) {
        return new Origin(actor, via, key, fingerprint);
    }

    /** @return this origin by another actor (a blank one or null keeps this one's) */
    public Origin withActor(String name) {
        return name == null || name.isBlank() ? this : new Origin(name, via, requestKey, requestFingerprint);
    }

    /** @return the scope in which this thread's writes have this origin; close it to restore the one before */
    public Scope open() {
        Origin previous = CURRENT.get();
        CURRENT.set(this);
        return new Scope(previous);
    }

    /**
     * Runs the work with this origin open on the thread.
     *
     * @param work what to run
     * @param <T>  what it returns
     * @return what it returned
     */
    @SuppressWarnings("try") // the scope is held for the block, never referenced in it
    public <T> T call(java.util.function.Supplier<T> work) {
        try (Scope scope = open()) {
            return work.get();
        }
    }

    /** The time a thread's writes have an origin; closing it restores the origin before. */
    public static final class Scope implements AutoCloseable {
        private final Origin previous;

        private Scope(Origin previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

}
