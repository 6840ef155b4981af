package dev.statekeeper.mcp;

import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every list returns: a page of items, how many there are in all, and the cursor of the next page
 * ({@code null} on the last page) to pass back as the tool's {@code cursor} argument. A cursor is opaque to
 * clients; it holds the offset of the next page.
 */
record Listing<T>(List<T> items, long total, String nextCursor) {
    private static final Pattern OFFSET = Pattern.compile("offset:(0|[1-9][0-9]{0,8})");
    /** The description of every {@code cursor} argument. */
    static final String CURSOR = "the nextCursor of the previous page (default: the first page)";
    /** The most characters of a cursor. */
    static final int MAX_CURSOR = 32;

    Listing {
        items = List.copyOf(items);
    }

    /** All the items on one page. */
    static <T> Listing<T> of(List<T> items) {
        return new Listing<>(items, items.size(), null);
    }

    /** A store's page as a listing: the next cursor points after its items while there are more. */
    static <T> Listing<T> of(Page<T> page) {
        long next = (long) page.offset() + page.items().size();
        return new Listing<>(page.items(), page.total(), next < page.total() && !page.items().isEmpty()
                ? cursor((int) next) : null);
    }

    /** The items from {@code offset}, at most {@code limit}, of all of them. */
    static <T> Listing<T> slice(List<T> all, int offset, int limit) {
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        return new Listing<>(all.subList(from, to), all.size(), to < all.size() ? cursor(to) : null);
    }

    static String cursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a cursor holds, 0 for none; a cursor this server did not make is refused naming the argument. */
    static int offset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        String decoded = null;
        if (cursor.length() <= MAX_CURSOR) {
            try {
                decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = null;
            }
        }
        if (decoded == null || !OFFSET.matcher(decoded).matches()) {
            throw StatekeeperException.invalid("cursor", List.of(new Violation("cursor",
                    cursor.length() > MAX_CURSOR ? cursor.substring(0, MAX_CURSOR) + "..." : cursor,
                    "is not a cursor this server gave; pass a nextCursor unchanged, or none for the first page")));
        }
        return Integer.parseInt(decoded.substring("offset:".length()));
    }
}
