package dev.statekeeper.ops.sqlite;

import dev.statekeeper.ops.TableRecovery;
import dev.statekeeper.ops.sql.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One table's rows from the damaged file into the new one: the columns both have, every readable row
 * ({@link RowSalvage}), each inserted on its own so that a row the schema refuses (a value out of range) is
 * counted and the others go in. How many rows the damaged table held is asked of its indexes, which SQLite counts
 * with when it can; when they are damaged too, the loss is unknown.
 */
final class TableSalvage {
    /** What was copied of one table, and what is known of what was lost. */
    record Copied(String table, boolean unreadable, Long held, RowSalvage.Result read, long refused,
                  String firstRefusal, String problem) {

        TableRecovery report(long kept) {
            List<String> detail = new ArrayList<>();
            if (problem != null) {
                detail.add(problem);
            }
            if (read != null) {
                if (read.unreadableRows() > 0) {
                    detail.add(read.unreadableRows() + " unreadable row(s)");
                }
                for (long[] gap : read.gaps()) {
                    detail.add(gap[1] == Long.MAX_VALUE ? "rows after rowid " + gap[0] + " unreadable"
                            : "rowids " + (gap[0] + 1) + "-" + gap[1] + " unreadable");
                }
                long dropped = read.read() - refused - kept;
                if (refused > 0) {
                    detail.add(refused + " refused by the schema (" + firstRefusal + ")");
                }
                if (dropped > 0) {
                    detail.add(dropped + " dropped as orphans or beyond a bound (see the notes)");
                }
            }
            if (held == null) {
                detail.add("how many rows the damaged table held is unknown");
            }
            Long lost = held == null || held < kept ? null : held - kept;
            return new TableRecovery(table, kept, lost, String.join("; ", detail));
        }
    }

    private TableSalvage() {
    }

    static Copied copy(Connection source, FreshFile target, String table) throws SQLException {
        List<String> sourceColumns;
        try {
            sourceColumns = FreshFile.columns(source, table);
        } catch (SQLException e) {
            return new Copied(table, true, null, null, 0, null, "its schema is unreadable: " + e.getMessage());
        }
        if (sourceColumns.isEmpty()) {
            return new Copied(table, false, 0L, null, 0, null, "not in the damaged file");
        }
        List<String> columns = target.columns(table).stream().filter(sourceColumns::contains).toList();
        long[] refused = {0};
        String[] firstRefusal = {null};
        RowSalvage.Result read;
        try (PreparedStatement insert = target.inserter(table, columns)) {
            read = new RowSalvage(source, table, columns).salvage(values -> {
                try {
                    for (int i = 0; i < values.length; i++) {
                        insert.setObject(i + 1, values[i]);
                    }
                    insert.executeUpdate();
                } catch (SQLException e) {
                    refused[0]++;
                    if (firstRefusal[0] == null) {
                        firstRefusal[0] = e.getMessage();
                    }
                }
            });
        }
        return new Copied(table, false, held(source, table), read, refused[0], firstRefusal[0], null);
    }

    /** The number of rows the damaged table held, counted through an index when SQLite can; null when it cannot. */
    private static Long held(Connection source, String table) {
        try {
            return Jdbc.number(source, "SELECT count(*) FROM " + table);
        } catch (SQLException e) {
            return null;
        }
    }
}
