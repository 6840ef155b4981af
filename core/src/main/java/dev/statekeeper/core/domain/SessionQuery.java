package dev.statekeeper.core.domain;

import dev.statekeeper.core.domain.Paging;

/** Filters for listing sessions; null means any. Newest first. */
public record SessionQuery(SessionStatus status, String repoName, String taskId, Paging paging) {
    public static SessionQuery all() {
        return new SessionQuery(null, null, null, Paging.DEFAULT);
    }

    public SessionQuery status(SessionStatus value) {
        return new SessionQuery(value, repoName, taskId, paging);
    }

    public SessionQuery repoName(String value) {
        return new SessionQuery(status, value, taskId, paging);
    }

    public SessionQuery taskId(String value) {
        return new SessionQuery(status, repoName, value, paging);
    }

    public SessionQuery page(int limit, int offset) {
        return new SessionQuery(status, repoName, taskId, new Paging(limit, offset));
    }

    public boolean matches(Session s) {
        return (status == null || status == s.status())
                && (repoName == null || repoName.equals(s.repoName()))
                && (taskId == null || taskId.equals(s.taskId()));
    }
}
