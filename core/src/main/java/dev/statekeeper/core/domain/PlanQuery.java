package dev.statekeeper.core.domain;

/**
 * Filters for listing plans; status null means any. Ordered by project. Immutable: the filter methods return a
 * new query.
 *
 * @param status the status, or null for any
 * @param paging the page
 */
public record PlanQuery(PlanStatus status, Paging paging) {
    /**
     * Every plan, first page of {@link Paging#DEFAULT_LIMIT}.
     *
     * @return the query
     */
    public static PlanQuery all() {
        return new PlanQuery(null, Paging.DEFAULT);
    }

    /**
     * This query with another status.
     *
     * @param value the status, or null for any
     * @return a new query; this one is unchanged
     */
    public PlanQuery status(PlanStatus value) {
        return new PlanQuery(value, paging);
    }

    /**
     * This query with another page; checked when the query runs.
     *
     * @param limit  the most items, 1..{@value Paging#MAX_LIMIT}
     * @param offset how many matching items to skip, at least 0
     * @return a new query; this one is unchanged
     */
    public PlanQuery page(int limit, int offset) {
        return new PlanQuery(status, new Paging(limit, offset));
    }
}
