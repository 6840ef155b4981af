package dev.statekeeper.core.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One committed change, as the store's change history keeps it.
 *
 * @param sequence   its number: 1 for a store's first event, one more for each event after it, never reused (events
 *                   pruned by retention leave the numbers after them as they were)
 * @param time       when the write ran (the store's clock)
 * @param change     what the write did; {@code change.kind()} is the kind of record, {@code change.wire()} the
 *                   operation ({@code loop.feedback_added})
 * @param entityId   the record: a loop's id, {@code project/name} for a spec, the project for a roadmap or plan, a
 *                   session's name
 * @param project    the project of the record, or null for a session
 * @param version    the record's version after the write, or null where the write did not give it one (a deletion, a
 *                   session, a link)
 * @param actor      who wrote: the API token's name, the OS user of the CLI, an {@code actor} argument; null when
 *                   nobody said
 * @param via        the interface the write came through
 * @param requestId  the request id of the HTTP or MCP request that wrote, or null
 * @param requestKey the request's Idempotency-Key, or null
 * @param summary    what changed, in a few fields (field names, old and new status or score), never whole documents;
 *                   values are strings, numbers, booleans or lists of them; unmodifiable, its keys in alphabetical
 *                   order (the same on every backend)
 */
public record StoreEvent(long sequence, Instant time, Change change, String entityId, String project, Long version,
                         String actor, Via via, String requestId, String requestKey, Map<String, Object> summary) {

    /** Checks the required parts and copies the summary. */
    public StoreEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(via, "via");
        summary = summary == null || summary.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(summary));
    }

    /** @return the kind of record changed */
    public EntityKind kind() {
        return change.kind();
    }

    /** @return the record as {@code --entity} names it: {@code loop:ID}, {@code spec:project/name}, ... */
    public String entity() {
        return change.kind().wire() + ":" + entityId;
    }

    /**
     * The event as its JSON object, the same in every interface: {@code sequence}, {@code time} (ISO-8601),
     * {@code operation}, {@code entity} (the kind), {@code entityId}, {@code project}, {@code version}, {@code actor},
     * {@code via}, {@code requestId}, {@code requestKey}, {@code summary}; null parts left out.
     *
     * @return a new ordered map
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sequence", sequence);
        map.put("time", time.toString());
        map.put("operation", change.wire());
        map.put("entity", change.kind().wire());
        map.put("entityId", entityId);
        putIfSet(map, "project", project);
        putIfSet(map, "version", version);
        putIfSet(map, "actor", actor);
        map.put("via", via.wire());
        putIfSet(map, "requestId", requestId);
        putIfSet(map, "requestKey", requestKey);
        map.put("summary", summary);
        return map;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
