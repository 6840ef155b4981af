package dev.statekeeper.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a loop stands. It starts {@link #INITIALIZED}, the first feedback makes it {@link #IN_PROGRESS}, and each
 * decision sets what the {@link LoopPolicy} decided; {@link #COMPLETED} is final. {@link #wire()} is the value JSON,
 * the CLI and the database use.
 */
public enum LoopStatus implements WireEnum {
    /** {@code initialized}: created, no feedback yet. */
    INITIALIZED("initialized"),
    /** {@code in_progress}: has feedback, not decided on yet. */
    IN_PROGRESS("in_progress"),
    /**
     * {@code completed}: a decision found the score at the type's threshold or above; takes no more feedback or
     * decisions.
     */
    COMPLETED("completed"),
    /** {@code user_input}: the last decision asks for user input (a checkpoint, or stagnation). */
    USER_INPUT("user_input"),
    /** {@code refine}: the last decision asks for another round of refinement. */
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
    public static LoopStatus parse(String value) {
        return WireEnum.parse(LoopStatus.class, "status", value);
    }

    @Override
    public String toString() {
        return wire;
    }
}
