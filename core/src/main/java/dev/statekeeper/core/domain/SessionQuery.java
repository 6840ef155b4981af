package dev.statekeeper.core.domain;

/**
 * Filters for listing sessions; null means any. Newest first. Immutable: the filter methods return a new
 * query.
 *
 * @param status   the status, or null for any
 * @param repoName the repository's name, or null for any
 * @param taskId   the task's id, or null for any
 * @param paging   the page
 */
public record SessionQuery(SessionStatus status, String repoName, String taskId, Paging paging) {
    /**
     * Every session, first page of {@link Paging#DEFAULT_LIMIT}.
     *
     * @return the query
     */
    public static SessionQuery all() {
        return new SessionQuery(null, null, null, Paging.DEFAULT);
    }

    /**
     * This query with another status.
     *
     * @param value the status, or null for any
     * @return a new query; this one is unchanged
     */
    public SessionQuery status(SessionStatus value) {
        return new SessionQuery(value, repoName, taskId, paging);
    }

    /**
     * This query with another repository name.
     *
     * @param value the repository name, or null for any
     * @return a new query; this one is unchanged
     */
    public SessionQuery repoName(String value) {
        return new SessionQuery(status, value, taskId, paging);
    }

    /**
     * This query with another task id.
     *
     * @param value the task id, or null for any
     * @return a new query; this one is unchanged
     */
    public SessionQuery taskId(String value) {
        return new SessionQuery(status, repoName, value, paging);
    }

    /**
     * This query with another page; checked when the query runs.
     *
     * @param limit  the most items, 1..{@value Paging#MAX_LIMIT}
     * @param offset how many matching items to skip, at least 0
     * @return a new query; this one is unchanged
     */
    public SessionQuery page(int limit, int offset) {
        return new SessionQuery(status, repoName, taskId, new Paging(limit, offset));
    }

    /**
     * Whether a session passes the filters (paging aside).
     *
     * @param s the session
     * @return true when it matches every filter given
     */
    public boolean matches(Session s) {
        return (status == null || status == s.status())
                && (repoName == null || repoName.equals(s.repoName()))
                && (taskId == null || taskId.equals(s.taskId()));
    }
}
