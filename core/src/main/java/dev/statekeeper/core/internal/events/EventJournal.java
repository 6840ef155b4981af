package dev.statekeeper.core.internal.events;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.events.EventBatch;
import dev.statekeeper.core.events.EventLog;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.KeptRequest;
import dev.statekeeper.core.events.Origin;
import dev.statekeeper.core.events.RequestKeys;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.core.internal.domain.Timestamps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The change history and request keys of a store that holds everything in memory (the memory backend, and the json
 * backend, which saves it in its file). A write {@link #check}s its origin's request key before it changes anything,
 * and {@link #commit}s its events once it did; both run under the store's own lock, so the history moves with the
 * records. Reads take this journal's own lock. Thread-safe.
 */
public final class EventJournal implements EventLog, RequestKeys {
    private final Object monitor = new Object();
    private final Clock clock;
    private final List<StoreEvent> events = new ArrayList<>();
    private final Map<String, KeptRequest> keys = new LinkedHashMap<>();
    private final EventSignal signal;
    private long lastSequence;

    /**
     * What a journal holds, as a store saves and restores it.
     *
     * @param lastSequence the newest sequence given (events pruned since keep it)
     * @param events       the events, in sequence order
     * @param keys         the request keys, oldest first
     */
    public record State(long lastSequence, List<StoreEvent> events, List<KeptRequest> keys) {
        /** Copies the lists. */
        public State {
            events = List.copyOf(events);
            keys = List.copyOf(keys);
        }

        /** @return a journal with nothing in it */
        public static State empty() {
            return new State(0, List.of(), List.of());
        }
    }

    /**
     * @param clock the clock that stamps events
     * @param poll  how often a follower looks at the newest sequence, for a store other processes write too
     * @param probe what it reads there (null: only this journal writes, so only its own announcements count)
     */
    public EventJournal(Clock clock, Duration poll, java.util.function.LongSupplier probe) {
        this.clock = clock;
        // with no other writer, only this journal's own announcements can bring news: no need to look between them
        this.signal = probe == null ? new EventSignal(this::lastSequence, Duration.ofDays(1))
                : new EventSignal(probe, poll);
    }

    /** Replaces what this journal holds with the state, as a store restoring a file does. */
    public void restore(State state) {
        synchronized (monitor) {
            events.clear();
            keys.clear();
            events.addAll(state.events());
            state.keys().forEach(k -> keys.put(k.key(), k));
            lastSequence = Math.max(state.lastSequence(),
                    state.events().isEmpty() ? 0 : state.events().getLast().sequence());
        }
    }

    /** @return what this journal holds */
    public State state() {
        synchronized (monitor) {
            return new State(lastSequence, events, List.copyOf(keys.values()));
        }
    }

    /**
     * Refuses a write whose origin carries a request key already used.
     *
     * @throws StatekeeperException REQUEST_KEY_IN_USE
     */
    public void check(Origin origin) {
        if (origin.requestKey() != null) {
            synchronized (monitor) {
                if (keys.containsKey(origin.requestKey())) {
                    throw keyInUse(origin.requestKey());
                }
            }
        }
    }

    /**
     * Appends the events of a write that changed the store, and keeps its origin's request key.
     *
     * @return the events, numbered
     */
    public List<StoreEvent> commit(Origin origin, List<EventDraft> drafts) {
        List<StoreEvent> appended = new ArrayList<>(drafts.size());
        long last;
        synchronized (monitor) {
            Instant now = Timestamps.now(clock); // the precision every backend keeps, so a copy keeps the same times
            if (origin.requestKey() != null) {
                keys.put(origin.requestKey(), new KeptRequest(origin.requestKey(), origin.requestFingerprint(), now,
                        null));
            }
            for (EventDraft draft : drafts) {
                StoreEvent event = draft.stamp(++lastSequence, now, origin);
                events.add(event);
                appended.add(event);
            }
            last = lastSequence;
        }
        signal.announce(last);
        return appended;
    }

    /** @return the REQUEST_KEY_IN_USE failure for a key */
    public static StatekeeperException keyInUse(String key) {
        return new StatekeeperException(ErrorCode.REQUEST_KEY_IN_USE, "Idempotency-Key '" + key
                + "' was already used by a write that committed; nothing was changed");
    }

    @Override
    public EventBatch read(EventQuery query) {
        query.validate();
        synchronized (monitor) {
            List<StoreEvent> found = new ArrayList<>();
            int from = firstAfter(query.after());
            for (int i = from; i < events.size() && found.size() < query.limit(); i++) {
                StoreEvent event = events.get(i);
                if (query.matches(event)) {
                    found.add(event);
                }
            }
            return new EventBatch(found, lastSequence);
        }
    }

    private int firstAfter(long sequence) {
        int low = 0;
        int high = events.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (events.get(mid).sequence() <= sequence) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    @Override
    public long lastSequence() {
        synchronized (monitor) {
            return lastSequence;
        }
    }

    /** @return how many request keys are kept (a write that kept one changed the journal) */
    public int keyCount() {
        synchronized (monitor) {
            return keys.size();
        }
    }

    @Override
    public long awaitAfter(long sequence, Duration timeout) throws InterruptedException {
        return signal.awaitAfter(sequence, timeout);
    }

    @Override
    public long prune(Duration olderThan) {
        Instant cutoff = clock.instant().minus(olderThan);
        synchronized (monitor) {
            int removed = 0;
            while (!events.isEmpty() && events.getFirst().time().isBefore(cutoff)) {
                events.removeFirst();
                removed++;
            }
            pruneKeys(cutoff);
            return removed;
        }
    }

    @Override
    public Optional<KeptRequest> find(String key) {
        synchronized (monitor) {
            return Optional.ofNullable(keys.get(key));
        }
    }

    @Override
    public void keepResponse(String key, KeptRequest.Response response) {
        synchronized (monitor) {
            KeptRequest kept = keys.get(key);
            if (kept != null && kept.response() == null) {
                keys.put(key, new KeptRequest(key, kept.fingerprint(), kept.at(), response));
            }
        }
    }

    private void pruneKeys(Instant cutoff) {
        for (Iterator<KeptRequest> it = keys.values().iterator(); it.hasNext(); ) {
            if (it.next().at().isBefore(cutoff)) {
                it.remove();
            }
        }
    }
}
