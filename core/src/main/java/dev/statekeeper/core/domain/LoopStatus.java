package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Allowed values of {@code status}. */
public enum LoopStatus implements WireEnum {
    INITIALIZED("initialized"),
    IN_PROGRESS("in_progress"),
    COMPLETED("completed"),
    USER_INPUT("user_input"),
    REFINE("refine");

    private final String wire;

    LoopStatus(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static LoopStatus parse(String value) {
        return WireEnum.parse(LoopStatus.class, "status", value);
    }

    @Override
    public String toString() {
        return wire;
    }
}
