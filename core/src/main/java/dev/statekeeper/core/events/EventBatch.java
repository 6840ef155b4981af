package dev.statekeeper.core.events;

import java.util.List;

/**
 * The events one read returned, and where the store's history stood.
 *
 * @param events       the events, oldest first
 * @param lastSequence the sequence of the store's newest event when it was read (0 when it has none yet), which may
 *                     be past the last returned one when the query filtered or was limited
 */
public record EventBatch(List<StoreEvent> events, long lastSequence) {
    /** Copies the list. */
    public EventBatch {
        events = List.copyOf(events);
    }

    /**
     * @param query the query that read this batch
     * @return the sequence to read after next: the last returned event's, or the query's own when none came
     */
    public long next(EventQuery query) {
        return events.isEmpty() ? query.after() : events.getLast().sequence();
    }
}
