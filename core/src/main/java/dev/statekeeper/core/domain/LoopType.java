package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Allowed values of {@code type}. */
public enum LoopType implements WireEnum {
    PLAN("plan"),
    ROADMAP("roadmap"),
    SPEC("spec"),
    BUILD_PLAN("build_plan"),
    BUILD_CODE("build_code"),
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

    @JsonCreator
    public static LoopType parse(String value) {
        return WireEnum.parse(LoopType.class, "type", value);
    }

    @Override
    public String toString() {
        return wire;
    }
}
