package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a session is running. {@link #wire()} is the value JSON, the CLI and the database use. */
public enum SessionStatus implements WireEnum {
    /** {@code active}: started, not ended. */
    ACTIVE("active"),
    /** {@code ended}: ended; a clean may remove it once old enough. */
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

    /**
     * Parses a wire value, in any case, with surrounding blanks ignored; what JSON input is read with.
     *
     * @param value the wire value
     * @return the constant
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} naming the field {@code status}
     *         and the allowed values, for null or an unknown value
     */
    @JsonCreator
    public static SessionStatus parse(String value) {
        return WireEnum.parse(SessionStatus.class, "status", value);
    }

    @Override
    public String toString() {
        return wire;
    }
}
