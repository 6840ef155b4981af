package dev.statekeeper.doctor.sqlite;

import dev.statekeeper.doctor.Stores;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/** Damage made for real in a SQLite file: garbage over a page, an index that no longer matches its table. */
final class Damage {
    private Damage() {
    }

    /** Overwrites a leaf page from the middle of the table's b-tree with garbage. */
    static void overwriteMiddleLeaf(Path file, String table) throws Exception {
        long page;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT pageno FROM dbstat WHERE name = '" + table + "' AND pagetype = "
                     + "'leaf' ORDER BY pageno LIMIT 1 OFFSET (SELECT count(*) / 2 FROM dbstat WHERE name = '" + table
                     + "' AND pagetype = 'leaf')")) {
            rows.next();
            page = rows.getLong(1);
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[4096];
            Arrays.fill(garbage, (byte) 0xA5);
            f.seek((page - 1) * garbage.length);
            f.write(garbage);
        }
    }

    /**
     * Swaps the root page of idx_loop_states_project with that of an index of the same shape over a copy of the
     * table made before two loops changed project: the index's entries no longer match its table.
     */
    static void swapIndexRoots(Path file) throws SQLException {
        Stores.sql(file,
                "CREATE TABLE snapshot (project_name TEXT NOT NULL)",
                "INSERT INTO snapshot (rowid, project_name) SELECT rowid, project_name FROM loop_states",
                "CREATE INDEX idx_snapshot_project ON snapshot (project_name)",
                "UPDATE loop_states SET project_name = 'other' WHERE id IN ('loop0001', 'loop0002')");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA writable_schema = ON");
            long ours = rootOf(s, "idx_loop_states_project");
            long theirs = rootOf(s, "idx_snapshot_project");
            s.execute("UPDATE sqlite_schema SET rootpage = " + theirs + " WHERE name = 'idx_loop_states_project'");
            s.execute("UPDATE sqlite_schema SET rootpage = " + ours + " WHERE name = 'idx_snapshot_project'");
        }
    }

    private static long rootOf(Statement s, String index) throws SQLException {
        try (ResultSet rows = s.executeQuery("SELECT rootpage FROM sqlite_schema WHERE name = '" + index + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
