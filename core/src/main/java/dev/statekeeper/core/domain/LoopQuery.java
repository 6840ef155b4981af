package dev.statekeeper.core.domain;

import dev.statekeeper.core.domain.Paging;

/** Filters for listing loops; null means "any". Newest first. */
public record LoopQuery(String project, LoopType type, LoopStatus status, Paging paging) {
    public static LoopQuery all() {
        return new LoopQuery(null, null, null, Paging.DEFAULT);
    }

    public LoopQuery project(String value) {
        return new LoopQuery(value, type, status, paging);
    }

    public LoopQuery type(LoopType value) {
        return new LoopQuery(project, value, status, paging);
    }

    public LoopQuery status(LoopStatus value) {
        return new LoopQuery(project, type, value, paging);
    }

    public LoopQuery page(int limit, int offset) {
        return new LoopQuery(project, type, status, new Paging(limit, offset));
    }

    public boolean matches(LoopSummary loop) {
        return (project == null || project.equals(loop.project()))
                && (type == null || type == loop.type())
                && (status == null || status == loop.status());
    }
}
