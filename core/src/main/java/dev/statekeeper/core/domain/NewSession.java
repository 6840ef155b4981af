package dev.statekeeper.core.domain;

import dev.statekeeper.core.error.Checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What starting a session takes; only {@code name} is required.
 *
 * @param name     the unique name, of {@link #NAME}
 * @param repoName the repository's name, at most 255 characters, or null
 * @param repoUrl  the repository's URL, at most 2048 characters, or null
 * @param branch   the branch, at most 255 characters, or null
 * @param taskId   the task's id, at most 255 characters, or null
 * @param metadata free-form pairs, each value at most 10,000 characters and not null; null is none
 */
public record NewSession(String name, String repoName, String repoUrl, String branch, String taskId,
                         Map<String, String> metadata) {
    /**
     * What a session name must match: a letter or digit, then up to 254 letters, digits and {@code . _ # : / @ + -}.
     */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._#:/@+-]{0,254}");

    /** Copies the metadata, keeping its order; the record's map is unmodifiable. */
    public NewSession {
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * A session with a name only.
     *
     * @param name the unique name
     * @return what {@link dev.statekeeper.core.api.StateStore#startSession} takes
     */
    public static NewSession named(String name) {
        return new NewSession(name, null, null, null, null, null);
    }

    /**
     * Checks every field at once; the stores call it.
     *
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} naming each broken field
     */
    public void validate() {
        Checks.of("session")
                .text("name", name, 255)
                .matches("name", name, NAME,
                        "must start with a letter or digit and use only letters, digits and . _ # : / @ + -")
                .optionalText("repoName", repoName, 255)
                .optionalText("repoUrl", repoUrl, 2048)
                .optionalText("branch", branch, 255)
                .optionalText("taskId", taskId, 255)
                .textMap("metadata", metadata, 10_000)
                .orThrow();
    }
}
