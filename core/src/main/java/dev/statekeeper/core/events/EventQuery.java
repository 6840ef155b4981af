package dev.statekeeper.core.events;

import dev.statekeeper.core.domain.WireEnum;
import dev.statekeeper.core.error.Checks;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;

import java.time.Instant;
import java.util.List;

/**
 * Which events to read: those after a sequence number, optionally from a time on, of one record or one project,
 * oldest first, at most {@code limit} of them.
 *
 * @param after    read the events whose sequence is greater than this (0 reads from the first)
 * @param since    if not null, only events at or after this time
 * @param kind     if not null, only events of this kind of record
 * @param entityId if not null (needs {@code kind}), only the events of this record
 * @param project  if not null, only the events of this project's records
 * @param limit    at most this many events, 1-{@value #MAX_LIMIT}
 */
public record EventQuery(long after, Instant since, EntityKind kind, String entityId, String project, int limit) {
    /** The most events one read returns. */
    public static final int MAX_LIMIT = 1000;
    /** The events one read returns when the caller does not say. */
    public static final int DEFAULT_LIMIT = 100;
    /** The longest entity id or project a query names. */
    public static final int MAX_NAME = 1024;

    /** @return every event from the first, {@value #DEFAULT_LIMIT} at a time */
    public static EventQuery all() {
        return new EventQuery(0, null, null, null, null, DEFAULT_LIMIT);
    }

    /** @return this query reading after the given sequence */
    public EventQuery withAfter(long sequence) {
        return new EventQuery(sequence, since, kind, entityId, project, limit);
    }

    /** @return this query reading events at or after the given time */
    public EventQuery withSince(Instant time) {
        return new EventQuery(after, time, kind, entityId, project, limit);
    }

    /** @return this query reading the events of one record */
    public EventQuery withEntity(EntityKind entityKind, String id) {
        return new EventQuery(after, since, entityKind, id, project, limit);
    }

    /**
     * @param entity a record as {@link StoreEvent#entity()} names it: {@code loop:ID}, {@code spec:project/name},
     *               {@code roadmap:project}, {@code plan:project}, {@code session:NAME}; or just a kind
     *               ({@code loop}) for every record of it
     * @return this query reading the events of that record
     * @throws StatekeeperException VALIDATION_FAILED naming {@code entity} when it has no known kind
     */
    public EventQuery withEntity(String entity) {
        int colon = entity == null ? -1 : entity.indexOf(':');
        String kindName = colon < 0 ? entity : entity.substring(0, colon);
        EntityKind parsed;
        try {
            parsed = WireEnum.parse(EntityKind.class, "entity", kindName);
        } catch (StatekeeperException e) {
            throw StatekeeperException.invalid("events query", List.of(new Violation("entity", entity,
                    "must be KIND or KIND:ID with KIND one of " + WireEnum.allowed(EntityKind.class)
                            + ", such as loop:3f2a...")));
        }
        return withEntity(parsed, colon < 0 ? null : entity.substring(colon + 1));
    }

    /** @return this query reading only the events of one project */
    public EventQuery withProject(String name) {
        return new EventQuery(after, since, kind, entityId, name, limit);
    }

    /** @return this query returning at most this many events */
    public EventQuery withLimit(int max) {
        return new EventQuery(after, since, kind, entityId, project, max);
    }

    /**
     * Checks the query's ranges.
     *
     * @throws StatekeeperException VALIDATION_FAILED naming each field out of range
     */
    public void validate() {
        Checks checks = Checks.of("events query")
                .atLeast("after", after, 0)
                .range("limit", limit, 1, MAX_LIMIT)
                .optionalText("entity", entityId, MAX_NAME)
                .optionalText("project", project, MAX_NAME);
        if (entityId != null && kind == null) {
            checks.add(new Violation("entity", entityId, "needs a kind, as in loop:ID"));
        }
        checks.orThrow();
    }

    /** @return whether the event is one this query reads (its sequence aside) */
    public boolean matches(StoreEvent event) {
        return (since == null || !event.time().isBefore(since))
                && (kind == null || event.kind() == kind)
                && (entityId == null || event.entityId().equals(entityId))
                && (project == null || project.equals(event.project()));
    }
}
