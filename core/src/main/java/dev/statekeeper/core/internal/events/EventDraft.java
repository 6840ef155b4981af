package dev.statekeeper.core.internal.events;

import dev.statekeeper.core.events.Change;
import dev.statekeeper.core.events.Origin;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.core.perf.RequestTag;

import java.time.Instant;
import java.util.Map;

/**
 * An event a write makes before the store numbers it: what changed, and nothing of who or when.
 *
 * @param change   what the write did
 * @param entityId the record
 * @param project  its project, or null
 * @param version  its version after the write, or null
 * @param summary  what changed, in a few fields
 */
public record EventDraft(Change change, String entityId, String project, Long version, Map<String, Object> summary) {

    /**
     * @param sequence the number the store gives it
     * @param time     when the write ran
     * @param origin   who wrote, through what
     * @return the event, with the request id of the current thread's {@link RequestTag}
     */
    public StoreEvent stamp(long sequence, Instant time, Origin origin) {
        return new StoreEvent(sequence, time, change, entityId, project, version, origin.actor(), origin.via(),
                RequestTag.current(), origin.requestKey(), summary);
    }
}
