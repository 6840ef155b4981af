package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a loop refines; each type has its own completion threshold ({@link LoopPolicy}, the STATEKEEPER_THRESHOLD_*
 * settings). {@link #wire()} is the value JSON, the CLI and the database use.
 */
public enum LoopType implements WireEnum {
    /** {@code plan}: a project plan (threshold 85 by default). */
    PLAN("plan"),
    /** {@code roadmap}: a roadmap (threshold 90 by default). */
    ROADMAP("roadmap"),
    /** {@code spec}: a technical spec (threshold 85 by default). */
    SPEC("spec"),
    /** {@code build_plan}: a build plan (threshold 80 by default). */
    BUILD_PLAN("build_plan"),
    /** {@code build_code}: code being built (threshold 95 by default). */
    BUILD_CODE("build_code"),
    /** {@code analyst}: an analysis (threshold 90 by default). */
    ANALYST("analyst");

    private final String wire;

    LoopType(String wire) {
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
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} naming the field {@code type}
     *         and the allowed values, for null or an unknown value
     */
    @JsonCreator
    public static LoopType parse(String value) {
        return WireEnum.parse(LoopType.class, "type", value);
    }

    @Override
    public String toString() {
        return wire;
    }
}
