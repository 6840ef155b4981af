package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Allowed values of {@code status}. */
public enum RoadmapStatus implements WireEnum {
    DRAFT("draft"),
    IN_REVIEW("in-review"),
    APPROVED("approved"),
    IN_PROGRESS("in-progress"),
    COMPLETED("completed"),
    BLOCKED("blocked");

    private final String wire;

    RoadmapStatus(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static RoadmapStatus parse(String value) {
        return WireEnum.parse(RoadmapStatus.class, "status", value);
    }

    @Override
    public String toString() {
        return wire;
    }
}
