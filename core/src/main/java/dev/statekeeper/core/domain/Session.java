package dev.statekeeper.core.domain;

import java.time.Instant;
import java.util.Map;

/**
 * An agent work session (seed 004): unique name, the repository and task it works on, free-form metadata.
 *
 * @param name      its unique name
 * @param repoName  the repository's name, or null
 * @param repoUrl   the repository's URL, or null
 * @param branch    the branch, or null
 * @param taskId    the task's id, or null
 * @param status    whether it is active or ended
 * @param metadata  free-form key-value pairs; a map, so the order of its keys is not kept (PostgreSQL's JSONB
 *                  does not keep it either)
 * @param createdAt when it started
 * @param updatedAt when it last changed (ended)
 */
public record Session(String name, String repoName, String repoUrl, String branch, String taskId,
                      SessionStatus status, Map<String, String> metadata, Instant createdAt, Instant updatedAt) {
    /** Copies the metadata; the record's map is unmodifiable. */
    public Session {
        metadata = Map.copyOf(metadata);
    }
}
