package dev.statekeeper.ops.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every row of one table of a damaged SQLite file that can still be read, the way SQLite's {@code .recover}
 * walks what is left: a scan in b-tree order from a rowid on; after a failure, the next row alone (a row whose
 * own data is damaged is skipped on its own); when even its rowid cannot be read, the b-tree page below is
 * unreadable, and the smallest rowid from which reading works again is found (doubling steps, then bisection),
 * the rows in between being lost. Reading never writes to the file.
 *
 * <p>Every loop is bounded: each scan starts after a rowid strictly greater than the last one's, so a damaged
 * b-tree whose rowids come back out of order (a seek landing on rows already read) cannot restart the reading;
 * a row met twice is taken once ({@link RowidSet}), and one met out of order is taken when it is new.
 */
final class RowSalvage {
    /** Takes the values of one row read. */
    @FunctionalInterface
    interface Sink {
        void accept(Object[] values);
    }

    /** Rows read, rows that could not be read one by one, and the rowid ranges (low exclusive, high inclusive) lost. */
    record Result(long read, long unreadableRows, List<long[]> gaps) {
    }

    /** {@link #following}'s answer at the end of the table. */
    private static final long END = Long.MIN_VALUE;

    private final Connection source;
    private final String scan;
    private final String next;
    private final String one;
    private final int columns;

    RowSalvage(Connection source, String table, List<String> columns) {
        this.source = source;
        String list = String.join(", ", columns);
        this.scan = "SELECT rowid, " + list + " FROM " + table + " WHERE rowid > ? ORDER BY rowid";
        this.next = "SELECT rowid FROM " + table + " WHERE rowid > ? ORDER BY rowid LIMIT 1";
        this.one = "SELECT rowid, " + list + " FROM " + table + " WHERE rowid = ?";
        this.columns = columns.size();
    }

    /** What was read so far (the highest rowid among it: rowids of our tables start at 1) and what was lost. */
    private static final class Reading {
        final Sink sink;
        final RowidSet seen = new RowidSet();
        long highest;
        long read;
        long unreadable;
        final List<long[]> gaps = new ArrayList<>();

        Reading(Sink sink) {
            this.sink = sink;
        }

        void row(Object[] withRowid) {
            long rowid = (Long) withRowid[0];
            if (seen.add(rowid)) {
                highest = Math.max(highest, rowid);
                read++;
                sink.accept(values(withRowid));
            }
        }

        Result result() {
            return new Result(read, unreadable, gaps);
        }
    }

    Result salvage(Sink sink) {
        Reading r = new Reading(sink);
        long from = 0; // every scan reads the rows after this rowid, and it only grows
        while (true) {
            try {
                rows(scan, from, r::row);
                return r.result(); // the end of the table
            } catch (SQLException e) {
                // the scan stopped at a row or page it cannot read
            }
            long start = from;
            if (r.highest > from) {
                from = r.highest;
            } else {
                Long following = following(from);
                if (following != null && following == END) {
                    return r.result();
                }
                if (following == null) {
                    long resume = resume(from);
                    r.gaps.add(new long[] {from, resume});
                    if (resume == Long.MAX_VALUE) {
                        return r.result();
                    }
                    from = resume;
                } else {
                    try {
                        if (rows(one, following, r::row) == 0) {
                            r.unreadable++;
                        }
                    } catch (SQLException e) {
                        r.unreadable++;
                    }
                    from = following;
                }
            }
            if (from <= start) {
                throw new IllegalStateException("the salvage of a table did not advance past rowid " + start);
            }
        }
    }

    /**
     * Runs {@code sql} with one rowid parameter and hands each row's values (rowid first) to {@code each};
     * returns the number of rows.
     */
    private int rows(String sql, long rowid, Sink each) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement(sql)) {
            statement.setLong(1, rowid);
            try (ResultSet rows = statement.executeQuery()) {
                int n = 0;
                while (rows.next()) {
                    Object[] values = new Object[columns + 1];
                    values[0] = rows.getLong(1);
                    for (int i = 1; i <= columns; i++) {
                        values[i] = rows.getObject(i + 1);
                    }
                    each.accept(values);
                    n++;
                }
                return n;
            }
        }
    }

    /**
     * The rowid of the row a seek past {@code rowid} lands on: {@link #END} at the end of the table, null when the
     * b-tree cannot be read there or hands out a rowid that is not past {@code rowid} (it is out of order there).
     */
    private Long following(long rowid) {
        try (PreparedStatement statement = source.prepareStatement(next)) {
            statement.setLong(1, rowid);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return END;
                }
                long found = rows.getLong(1);
                return found > rowid ? found : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * The smallest rowid above {@code failed} from which the b-tree can be read again (the highest key of the
     * damaged subtree), or MAX_VALUE when there is none. At most 63 doubling steps and 63 bisection steps.
     */
    private long resume(long failed) {
        long low = failed;
        for (long step = 1; step > 0; step *= 2) {
            long probe = failed + step;
            if (probe < failed) { // overflow: nothing is readable beyond the damage
                return Long.MAX_VALUE;
            }
            if (following(probe) != null) {
                long high = probe;
                while (high - low > 1) {
                    long middle = low + (high - low) / 2;
                    if (following(middle) != null) {
                        high = middle;
                    } else {
                        low = middle;
                    }
                }
                return high;
            }
            low = probe;
        }
        return Long.MAX_VALUE;
    }

    private static Object[] values(Object[] withRowid) {
        Object[] values = new Object[withRowid.length - 1];
        System.arraycopy(withRowid, 1, values, 0, values.length);
        return values;
    }
}
