package dev.statekeeper.core.events;

import java.time.Duration;

/**
 * A store's change history: every committed write's {@link StoreEvent}, in sequence order, kept for
 * STATEKEEPER_EVENTS_RETENTION. Thread-safe. Changes committed by other processes on the same database are seen too:
 * on PostgreSQL they are announced by LISTEN/NOTIFY, on SQLite and json files the sequence is polled.
 */
public interface EventLog {
    /**
     * Reads events.
     *
     * @param query which ones
     * @return the events after {@code query.after()} that match it, oldest first, at most {@code query.limit()}
     * @throws dev.statekeeper.core.error.StatekeeperException VALIDATION_FAILED for a query out of range, or a code of
     *         the store's failures
     */
    EventBatch read(EventQuery query);

    /** @return the sequence of the newest event (0 when none was written yet) */
    long lastSequence();

    /**
     * Waits until an event after {@code sequence} has committed, from this process or another one, or the timeout
     * passes.
     *
     * @param sequence the last sequence the caller has seen
     * @param timeout  how long to wait at most
     * @return the newest sequence: greater than {@code sequence} when an event came, else not
     * @throws InterruptedException when the waiting thread is interrupted
     */
    long awaitAfter(long sequence, Duration timeout) throws InterruptedException;

    /**
     * Removes the events and the request keys older than the age ({@code statekeeper db maintain} does, with
     * STATEKEEPER_EVENTS_RETENTION). The sequence goes on from where it was: the next event's number is one more than
     * the newest one's, pruned or not.
     *
     * @param olderThan the age
     * @return how many events were removed
     */
    long prune(Duration olderThan);
}
