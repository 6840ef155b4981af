package dev.statekeeper.core.events;

import dev.statekeeper.core.domain.WireEnum;

/**
 * What a write did, one value per kind of change; its {@link #wire()} name is the event's {@code operation}
 * ({@code loop.feedback_added}), its {@link #kind()} the kind of record it changed.
 */
public enum Change implements WireEnum {
    /** A loop was created (version 1). */
    LOOP_CREATED(EntityKind.LOOP, "created"),
    /** Critic feedback was added to a loop. */
    LOOP_FEEDBACK_ADDED(EntityKind.LOOP, "feedback_added"),
    /** A decision was taken on a loop. */
    LOOP_DECIDED(EntityKind.LOOP, "decided"),
    /** A loop's objective feedback was stored (replacing any earlier one). */
    LOOP_OBJECTIVE_STORED(EntityKind.LOOP, "objective_stored"),
    /** A loop was linked to a spec. */
    LOOP_LINKED(EntityKind.LOOP, "linked"),
    /** A loop's link to its spec was removed. */
    LOOP_UNLINKED(EntityKind.LOOP, "unlinked"),
    /** A loop was deleted, one by one or by a clean. */
    LOOP_DELETED(EntityKind.LOOP, "deleted"),
    /** A spec's first version was stored. */
    SPEC_CREATED(EntityKind.SPEC, "created"),
    /** A spec got a new version. */
    SPEC_UPDATED(EntityKind.SPEC, "updated"),
    /** A spec and its revisions were deleted. */
    SPEC_DELETED(EntityKind.SPEC, "deleted"),
    /** A project's roadmap was stored or merged. */
    ROADMAP_STORED(EntityKind.ROADMAP, "stored"),
    /** A project's plan was stored or merged. */
    PLAN_STORED(EntityKind.PLAN, "stored"),
    /** A project's plan was deleted. */
    PLAN_DELETED(EntityKind.PLAN, "deleted"),
    /** A session was started. */
    SESSION_STARTED(EntityKind.SESSION, "started"),
    /** A session was ended. */
    SESSION_ENDED(EntityKind.SESSION, "ended"),
    /** A session was deleted by a clean. */
    SESSION_DELETED(EntityKind.SESSION, "deleted");

    private final EntityKind kind;
    private final String wire;

    Change(EntityKind kind, String verb) {
        this.kind = kind;
        this.wire = kind.wire() + "." + verb;
    }

    /** @return the kind of record this change is made to */
    public EntityKind kind() {
        return kind;
    }

    @Override
    public String wire() {
        return wire;
    }
}
