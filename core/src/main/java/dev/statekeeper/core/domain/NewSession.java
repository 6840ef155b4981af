package dev.statekeeper.core.domain;

import dev.statekeeper.core.error.Checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** What starting a session takes; only {@code name} is required. */
public record NewSession(String name, String repoName, String repoUrl, String branch, String taskId,
                         Map<String, String> metadata) {
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._#:/@+-]{0,254}");

    public NewSession {
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public static NewSession named(String name) {
        return new NewSession(name, null, null, null, null, null);
    }

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
