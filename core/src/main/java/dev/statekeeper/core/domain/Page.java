package dev.statekeeper.core.domain;

import java.util.List;

/** One page of a list: the items, how many match in all, and the window that was asked for. */
public record Page<T>(List<T> items, long total, int limit, int offset) {
    public Page {
        items = List.copyOf(items);
    }
}
