package dev.statekeeper.core.domain;

import java.util.List;

/**
 * One page of a list: the items, how many match in all, and the window that was asked for.
 *
 * @param items  the items of the page, in the list's order
 * @param total  how many items match in all pages
 * @param limit  the most items a page holds, as asked
 * @param offset how many matching items come before this page, as asked
 * @param <T>    the kind of item
 */
public record Page<T>(List<T> items, long total, int limit, int offset) {
    /** Copies the items; the record's list is unmodifiable. */
    public Page {
        items = List.copyOf(items);
    }
}
