package dev.statekeeper.core.domain;

import dev.statekeeper.core.domain.Paging;

/** Filters for listing plans; status null means any. Ordered by project. */
public record PlanQuery(PlanStatus status, Paging paging) {
    public static PlanQuery all() {
        return new PlanQuery(null, Paging.DEFAULT);
    }

    public PlanQuery status(PlanStatus value) {
        return new PlanQuery(value, paging);
    }

    public PlanQuery page(int limit, int offset) {
        return new PlanQuery(status, new Paging(limit, offset));
    }
}
