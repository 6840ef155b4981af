package dev.statekeeper.core.domain;

/**
 * Filters for listing a project's specs; status null means any. In creation order. Immutable: the filter methods
 * return a new query.
 *
 * @param project the project (a null one lists none)
 * @param status  the status, or null for any
 * @param paging  the page
 */
public record SpecQuery(String project, SpecStatus status, Paging paging) {
    /**
     * Every spec of the project, first page of {@link Paging#DEFAULT_LIMIT}.
     *
     * @param project the project
     * @return the query
     */
    public static SpecQuery of(String project) {
        return new SpecQuery(project, null, Paging.DEFAULT);
    }

    /**
     * This query with another status.
     *
     * @param value the status, or null for any
     * @return a new query; this one is unchanged
     */
    public SpecQuery status(SpecStatus value) {
        return new SpecQuery(project, value, paging);
    }

    /**
     * This query with another page; checked when the query runs.
     *
     * @param limit  the most items, 1..{@value Paging#MAX_LIMIT}
     * @param offset how many matching items to skip, at least 0
     * @return a new query; this one is unchanged
     */
    public SpecQuery page(int limit, int offset) {
        return new SpecQuery(project, status, new Paging(limit, offset));
    }
}
