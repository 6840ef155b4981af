package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Allowed values of {@code status}. */
public enum SessionStatus implements WireEnum {
    ACTIVE("active"),
    ENDED("ended");

    private final String wire;

    SessionStatus(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static SessionStatus parse(String value) {
        return WireEnum.parse(SessionStatus.class, "status", value);
    }

    @Override
    public String toString() {
        return wire;
    }
}
