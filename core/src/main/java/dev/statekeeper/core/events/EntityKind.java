package dev.statekeeper.core.events;

import dev.statekeeper.core.domain.WireEnum;

/** What an event changed; its {@link #wire()} name is the prefix of the event's operation ({@code loop.created}). */
public enum EntityKind implements WireEnum {
    /** A refinement loop, by its id. */
    LOOP("loop"),
    /** A technical spec, by {@code project/name}. */
    SPEC("spec"),
    /** A project's roadmap, by the project. */
    ROADMAP("roadmap"),
    /** A project's plan, by the project. */
    PLAN("plan"),
    /** A work session, by its name. */
    SESSION("session");

    private final String wire;

    EntityKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
