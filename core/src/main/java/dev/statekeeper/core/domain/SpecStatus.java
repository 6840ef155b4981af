package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Allowed values of {@code status}. */
public enum SpecStatus implements WireEnum {
    DRAFT("draft"),
    IN_REVIEW("in-review"),
    APPROVED("approved"),
    IMPLEMENTATION_READY("implementation-ready"),
    IN_DEVELOPMENT("in-development"),
    COMPLETED("completed");

    private final String wire;

    SpecStatus(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static SpecStatus parse(String value) {
        return WireEnum.parse(SpecStatus.class, "status", value);
    }

    @Override
    public String toString() {
        return wire;
    }
}
