package dev.statekeeper.core.domain;

import java.time.Instant;
import java.util.Map;

/** An agent work session (seed 004): unique name, the repository and task it works on, free-form metadata. */
public record Session(String name, String repoName, String repoUrl, String branch, String taskId,
                      SessionStatus status, Map<String, String> metadata, Instant createdAt, Instant updatedAt) {
    public Session {
        metadata = Map.copyOf(metadata);
    }
}
