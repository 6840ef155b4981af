package dev.statekeeper.core.domain;

import dev.statekeeper.core.error.Checks;

import java.util.regex.Pattern;

/**
 * What creating a loop takes. {@code id} is normally null (generated); importers pass the original.
 *
 * @param project the project (required, at most {@value #MAX_PROJECT} characters)
 * @param type    what the loop refines (required)
 * @param id      the loop's id, of {@link #ID}, or null to generate one
 */
public record NewLoop(String project, LoopType type, String id) {
    /** What a loop id of the caller's must match: 1-64 characters of A-Z, a-z, 0-9, '_' and '-'. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** The longest project name, in characters, of every kind of record. */
    public static final int MAX_PROJECT = 255;

    /**
     * A loop with a generated id.
     *
     * @param project the project
     * @param type    what the loop refines
     * @return what {@link dev.statekeeper.core.api.StateStore#createLoop} takes
     */
    public static NewLoop of(String project, LoopType type) {
        return new NewLoop(project, type, null);
    }

    /**
     * Checks every field at once; the stores call it.
     *
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} naming each broken field
     */
    public void validate() {
        Checks.of("loop")
                .text("project", project, MAX_PROJECT)
                .required("type", type)
                .matches("id", id, ID, "must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'")
                .orThrow();
    }
}
