package dev.statekeeper.ops.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every row of one table of a damaged SQLite file that can still be read, in rowid order, the way SQLite's
 * {@code .recover} walks what is left: batches of rows; after a failure, the next rowid alone (a row whose own
 * data is damaged is skipped on its own); when even that fails, the b-tree page below is unreadable, and the
 * smallest rowid from which reading works again is found (doubling steps, then bisection), the rows in between
 * being lost. Reading never writes to the file.
 */
final class RowSalvage {
    private static final int BATCH = 500;

    /** Takes the values of one row read. */
    @FunctionalInterface
    interface Sink {
        void accept(Object[] values);
    }

    /** Rows read, rows that could not be read one by one, and the rowid ranges (low exclusive, high inclusive) lost. */
    record Result(long read, long unreadableRows, List<long[]> gaps) {
    }

    private final Connection source;
    private final String batch;
    private final String next;
    private final String one;
    private final int columns;

    RowSalvage(Connection source, String table, List<String> columns) {
        this.source = source;
        String list = String.join(", ", columns);
        this.batch = "SELECT rowid, " + list + " FROM " + table + " WHERE rowid > ? ORDER BY rowid LIMIT " + BATCH;
        this.next = "SELECT rowid FROM " + table + " WHERE rowid > ? ORDER BY rowid LIMIT 1";
        this.one = "SELECT 0, " + list + " FROM " + table + " WHERE rowid = ?";
        this.columns = columns.size();
    }

    /** Where the reading is: the last rowid read (rowids of our tables start at 1), and what was lost so far. */
    private static final class Progress {
        long last;
        long read;
        long unreadable;
        final List<long[]> gaps = new ArrayList<>();

        Result result() {
            return new Result(read, unreadable, gaps);
        }
    }

    Result salvage(Sink sink) {
        Progress p = new Progress();
        while (true) {
            try {
                int got = rows(batch, p.last, values -> {
                    p.last = (Long) values[0];
                    p.read++;
                    sink.accept(values(values));
                });
                if (got < BATCH) {
                    return p.result();
                }
                continue;
            } catch (SQLException e) {
                // p.last is the last row read before the failure
            }
            Long following = following(p.last);
            if (following == null) {
                long resume = resume(p.last);
                p.gaps.add(new long[] {p.last, resume});
                if (resume == Long.MAX_VALUE) {
                    return p.result();
                }
                p.last = resume;
            } else if (following == Long.MIN_VALUE) {
                return p.result();
            } else {
                try {
                    p.read += rows(one, following, values -> sink.accept(values(values)));
                } catch (SQLException e) {
                    p.unreadable++;
                }
                p.last = following;
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

    /** The rowid after {@code rowid}: MIN_VALUE at the end of the table, null when the b-tree cannot be read there. */
    private Long following(long rowid) {
        try (PreparedStatement statement = source.prepareStatement(next)) {
            statement.setLong(1, rowid);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : Long.MIN_VALUE;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * The smallest rowid above {@code failed} from which the b-tree can be read again (the highest key of the
     * damaged subtree), or MAX_VALUE when there is none: reading is broken for a contiguous range of keys.
     */
    private long resume(long failed) {
        long low = failed;
        long step = 1;
        while (true) {
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
            step *= 2;
        }
    }

    private static Object[] values(Object[] withRowid) {
        Object[] values = new Object[withRowid.length - 1];
        System.arraycopy(withRowid, 1, values, 0, values.length);
        return values;
    }
}
