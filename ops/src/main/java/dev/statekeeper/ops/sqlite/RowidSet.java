package dev.statekeeper.ops.sqlite;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The rowids a salvage has read, so that a row met twice (a damaged b-tree can hand the same rows out again after
 * a seek) is taken once. Rows mostly come in rising order: those go to a sorted array (8 bytes a row), the few
 * that come out of order to a hash set.
 */
final class RowidSet {
    private long[] rising = new long[1024];
    private int size;
    private final Set<Long> others = new HashSet<>();

    /** Adds the rowid; false when it was there already. */
    boolean add(long rowid) {
        if (size == 0 || rowid > rising[size - 1]) {
            if (size == rising.length) {
                rising = Arrays.copyOf(rising, size * 2);
            }
            rising[size++] = rowid;
            return true;
        }
        return Arrays.binarySearch(rising, 0, size, rowid) < 0 && others.add(rowid);
    }
}
