package dev.statekeeper.core.domain;

import dev.statekeeper.core.error.Checks;

import java.util.regex.Pattern;

/** What creating a loop takes. {@code id} is normally null (generated); importers pass the original. */
public record NewLoop(String project, LoopType type, String id) {
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    public static final int MAX_PROJECT = 255;

    public static NewLoop of(String project, LoopType type) {
        return new NewLoop(project, type, null);
    }

    public void validate() {
        Checks.of("loop")
                .text("project", project, MAX_PROJECT)
                .required("type", type)
                .matches("id", id, ID, "must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'")
                .orThrow();
    }
}
