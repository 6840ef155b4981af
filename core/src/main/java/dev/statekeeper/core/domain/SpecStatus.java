package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A spec's status, set by its author (the store enforces no order). {@link #wire()} is the value JSON, the CLI and
 * the database use.
 */
public enum SpecStatus implements WireEnum {
    /** {@code draft}: being written; a first store that names no status gets it. */
    DRAFT("draft"),
    /** {@code in-review}: under review. */
    IN_REVIEW("in-review"),
    /** {@code approved}: approved. */
    APPROVED("approved"),
    /** {@code implementation-ready}: ready to implement. */
    IMPLEMENTATION_READY("implementation-ready"),
    /** {@code in-development}: being implemented. */
    IN_DEVELOPMENT("in-development"),
    /** {@code completed}: implemented. */
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
    public static SpecStatus parse(String value) {
        return WireEnum.parse(SpecStatus.class, "status", value);
    }

    @Override
    public String toString() {
        return wire;
    }
}
