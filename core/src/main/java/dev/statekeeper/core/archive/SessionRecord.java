package dev.statekeeper.core.archive;

import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.core.error.Checks;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An agent work session with its status and metadata. */
public record SessionRecord(String name, SessionStatus status, String repoName, String repoUrl, String branch,
                            String taskId, Instant createdAt, Instant updatedAt, Map<String, String> metadata)
        implements ArchiveRecord {

    public SessionRecord {
        metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public static SessionRecord of(Session s) {
        return new SessionRecord(s.name(), s.status(), s.repoName(), s.repoUrl(), s.branch(), s.taskId(), s.createdAt(),
                s.updatedAt(), s.metadata());
    }

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
