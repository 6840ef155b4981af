package dev.statekeeper.core.domain;

/**
 * Filters for listing loops; null means "any". Newest first. Immutable: the filter methods return a new query:
 * {@code LoopQuery.all().project("demo").status(LoopStatus.REFINE).page(20, 0)}.
 *
 * @param project the project, or null for any
 * @param type    the type, or null for any
 * @param status  the status, or null for any
 * @param paging  the page
 */
public record LoopQuery(String project, LoopType type, LoopStatus status, Paging paging) {
    /**
     * Every loop, first page of {@link Paging#DEFAULT_LIMIT}.
     *
     * @return the query
     */
    public static LoopQuery all() {
        return new LoopQuery(null, null, null, Paging.DEFAULT);
    }

    /**
     * This query with another project.
     *
     * @param value the project, or null for any
     * @return a new query; this one is unchanged
     */
    public LoopQuery project(String value) {
        return new LoopQuery(value, type, status, paging);
    }

    /**
     * This query with another type.
     *
     * @param value the type, or null for any
     * @return a new query; this one is unchanged
     */
    public LoopQuery type(LoopType value) {
        return new LoopQuery(project, value, status, paging);
    }

    /**
     * This query with another status.
     *
     * @param value the status, or null for any
     * @return a new query; this one is unchanged
     */
    public LoopQuery status(LoopStatus value) {
        return new LoopQuery(project, type, value, paging);
    }

    /**
     * This query with another page; checked when the query runs.
     *
     * @param limit  the most items, 1..{@value Paging#MAX_LIMIT}
     * @param offset how many matching items to skip, at least 0
     * @return a new query; this one is unchanged
     */
    public LoopQuery page(int limit, int offset) {
        return new LoopQuery(project, type, status, new Paging(limit, offset));
    }

    /**
     * Whether a loop passes the filters (paging aside).
     *
     * @param loop the loop
     * @return true when it matches every filter given
     */
    public boolean matches(LoopSummary loop) {
        return (project == null || project.equals(loop.project()))
                && (type == null || type == loop.type())
                && (status == null || status == loop.status());
    }
}
