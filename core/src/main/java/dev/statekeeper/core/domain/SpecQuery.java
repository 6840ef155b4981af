package dev.statekeeper.core.domain;

import dev.statekeeper.core.domain.Paging;

/** Filters for listing a project's specs; status null means any. In creation order. */
public record SpecQuery(String project, SpecStatus status, Paging paging) {
    public static SpecQuery of(String project) {
        return new SpecQuery(project, null, Paging.DEFAULT);
    }

    public SpecQuery status(SpecStatus value) {
        return new SpecQuery(project, value, paging);
    }

    public SpecQuery page(int limit, int offset) {
        return new SpecQuery(project, status, new Paging(limit, offset));
    }
}
