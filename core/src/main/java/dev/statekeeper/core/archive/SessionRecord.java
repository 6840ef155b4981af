package dev.statekeeper.core.archive;

import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.core.error.Checks;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An agent work session with its status and metadata.
 *
 * @param name      its unique name, its key
 * @param status    whether it is active or ended
 * @param repoName  the repository's name, or null
 * @param repoUrl   the repository's URL, or null
 * @param branch    the branch, or null
 * @param taskId    the task's id, or null
 * @param createdAt when it started
 * @param updatedAt when it last changed
 * @param metadata  free-form key-value pairs (required: empty when there are none)
 */
public record SessionRecord(String name, SessionStatus status, String repoName, String repoUrl, String branch,
                            String taskId, Instant createdAt, Instant updatedAt, Map<String, String> metadata)
        implements ArchiveRecord {

    /** Copies the metadata, which is then unmodifiable; missing metadata stays null for {@link #check}. */
    public SessionRecord {
        metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * The record of a stored session.
     *
     * @param s the session as the store returns it
     * @return its record
     */
    public static SessionRecord of(Session s) {
        return new SessionRecord(s.name(), s.status(), s.repoName(), s.repoUrl(), s.branch(), s.taskId(), s.createdAt(),
                s.updatedAt(), s.metadata());
    }

    /**
     * The session as the store returns it. For a record that passed {@link #check}.
     *
     * @return the session
     */
    public Session toSession() {
        return new Session(name, repoName, repoUrl, branch, taskId, status, metadata, createdAt, updatedAt);
    }

    @Override
    public RecordKind kind() {
        return RecordKind.SESSION;
    }

    @Override
    public String key() {
        return name;
    }

    @Override
    public String describe() {
        return "session " + ArchiveRecordChecks.quote(name);
    }

    @Override
    public void check(Checks checks) {
        ArchiveRecordChecks.adopt(checks, "", () -> new NewSession(name, repoName, repoUrl, branch, taskId,
                metadata == null ? Map.of() : metadata).validate());
        checks.required("status", status).required("metadata", metadata);
        ArchiveRecordChecks.time(checks, "createdAt", createdAt);
        ArchiveRecordChecks.time(checks, "updatedAt", updatedAt);
    }
}
