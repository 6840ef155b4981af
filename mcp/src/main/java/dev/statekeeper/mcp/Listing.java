package dev.statekeeper.mcp;

import java.util.List;

/**
 * What every list tool returns: a page of items, how many there are in all, and the cursor of the next page
 * ({@code null} on the last page) to pass back as the tool's {@code cursor} argument.
 */
record Listing<T>(List<T> items, long total, String nextCursor) {
    Listing {
        items = List.copyOf(items);
    }

    /** All the items on one page. */
    static <T> Listing<T> of(List<T> items) {
        return new Listing<>(items, items.size(), null);
    }
}
