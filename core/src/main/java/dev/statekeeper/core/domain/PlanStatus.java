package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Allowed values of {@code status}. */
public enum PlanStatus implements WireEnum {
    DRAFT("draft"),
    IN_REVIEW("in-review"),
    APPROVED("approved"),
    ACTIVE("active"),
    COMPLETED("completed"),
    CANCELLED("cancelled");

    private final String wire;

    PlanStatus(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static PlanStatus parse(String value) {
        return WireEnum.parse(PlanStatus.class, "status", value);
    }

    @Override
    public String toString() {
        return wire;
    }
}
