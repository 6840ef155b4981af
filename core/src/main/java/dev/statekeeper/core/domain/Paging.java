package dev.statekeeper.core.domain;

import dev.statekeeper.core.error.Checks;

/** A limit/offset window; limit 1..1000 (default 50), offset >= 0. */
public record Paging(int limit, int offset) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;
    public static final Paging DEFAULT = new Paging(DEFAULT_LIMIT, 0);

    public static Paging of(Integer limit, Integer offset) {
        Paging paging = new Paging(limit == null ? DEFAULT_LIMIT : limit, offset == null ? 0 : offset);
        paging.validate();
        return paging;
    }

    public void validate() {
        Checks.of("paging").range("limit", limit, 1, MAX_LIMIT).atLeast("offset", offset, 0).orThrow();
    }
}
