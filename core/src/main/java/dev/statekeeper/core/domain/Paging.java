package dev.statekeeper.core.domain;

import dev.statekeeper.core.error.Checks;

/**
 * A limit/offset window; limit 1..1000 (default 50), offset >= 0. Constructing one checks nothing: the stores
 * {@link #validate()} it.
 *
 * @param limit  the most items a page holds
 * @param offset how many items to skip
 */
public record Paging(int limit, int offset) {
    /** The limit when none is given: 50. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest limit: 1000. */
    public static final int MAX_LIMIT = 1000;
    /** The first page of {@link #DEFAULT_LIMIT} items. */
    public static final Paging DEFAULT = new Paging(DEFAULT_LIMIT, 0);

    /**
     * A window from optional values, checked.
     *
     * @param limit  the limit, or null for {@link #DEFAULT_LIMIT}
     * @param offset the offset, or null for 0
     * @return the window
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} for a limit outside 1..1000 or a
     *         negative offset
     */
    public static Paging of(Integer limit, Integer offset) {
        Paging paging = new Paging(limit == null ? DEFAULT_LIMIT : limit, offset == null ? 0 : offset);
        paging.validate();
        return paging;
    }

    /**
     * Checks the window.
     *
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} for a limit outside 1..1000 or a
     *         negative offset, naming each
     */
    public void validate() {
        Checks.of("paging").range("limit", limit, 1, MAX_LIMIT).atLeast("offset", offset, 0).orThrow();
    }
}
