package dev.statekeeper.ops.sqlite;

import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.Finding;
import dev.statekeeper.ops.sql.Jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code PRAGMA integrity_check}, its lines sorted into three kinds: damage to the file's pages (only
 * {@code db recover} helps), damage to an index only (REINDEX rebuilds it from the table), and rows that break
 * a CHECK or NOT NULL (the 'values' findings name them). Identical lines are counted, not repeated; a tree's
 * root page is named by its table.
 */
final class IntegrityCheck {
    static final String RECOVER = "'statekeeper db recover' salvages the readable rows into a new file (this one is kept); "
            + "or restore a backup";
    private static final int MAX_LINES = 100;
    private static final Pattern TREE = Pattern.compile("^Tree (\\d+) page (\\d+)");
    private static final Pattern INDEX = Pattern.compile("(missing from index|wrong # of entries in index|"
            + "non-unique entry in index) (\\S+)");
    private static final Pattern ROW_RULE = Pattern.compile("^(CHECK constraint failed|NULL value in|non-)");

    /** The findings, and whether pages or only indexes are damaged. */
    record Result(List<Finding> findings, boolean pagesDamaged, boolean indexesDamaged) {
    }

    private IntegrityCheck() {
    }

    static Result run(Connection c, Path file) {
        Map<Long, String> roots = roots(c);
        Map<String, Integer> lines = new LinkedHashMap<>();
        String stopped = null;
        try (Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check(" + MAX_LINES + ")")) {
            while (rows.next()) {
                for (String line : rows.getString(1).split("\n")) {
                    if (!line.isBlank() && !line.equals("ok") && !line.startsWith("*** in database")) {
                        lines.merge(line.strip(), 1, Integer::sum);
                    }
                }
            }
        } catch (SQLException e) {
            stopped = e.getMessage();
        }
        boolean pages = stopped != null || lines.keySet().stream()
                .anyMatch(l -> !INDEX.matcher(l).find() && !ROW_RULE.matcher(l).find());
        boolean indexes = false;
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, Integer> e : lines.entrySet()) {
            String line = e.getKey() + (e.getValue() > 1 ? " (" + e.getValue() + " times)" : "");
            Matcher index = INDEX.matcher(e.getKey());
            Matcher tree = TREE.matcher(e.getKey());
            if (index.find()) {
                indexes = true;
                findings.add(Finding.error(Check.INTEGRITY, "index " + index.group(2), line, pages ? RECOVER
                        : "'statekeeper db verify --repair' rebuilds the indexes from their tables (REINDEX)"));
            } else if (ROW_RULE.matcher(e.getKey()).find()) {
                findings.add(Finding.error(Check.INTEGRITY, file.toString(), line,
                        "a row breaks a rule of the schema: the 'values' findings name it; correct or delete it by hand"));
            } else {
                String where = tree.find() ? roots.getOrDefault(Long.parseLong(tree.group(1)), "tree " + tree.group(1))
                        + " (page " + tree.group(2) + ")" : file.toString();
                findings.add(Finding.error(Check.INTEGRITY, where, line, RECOVER));
            }
        }
        if (stopped != null) {
            findings.add(Finding.error(Check.INTEGRITY, file.toString(), "the integrity check stopped: " + stopped,
                    RECOVER));
        }
        return new Result(findings, pages, indexes);
    }

    /** Each b-tree's root page and its table or index, to name the tree a damaged page belongs to. */
    private static Map<Long, String> roots(Connection c) {
        Map<Long, String> roots = new HashMap<>();
        try {
            for (Object[] row : Jdbc.list(c, "SELECT rootpage, name FROM sqlite_schema WHERE rootpage > 0",
                    r -> new Object[] {r.getLong(1), r.getString(2)})) {
                roots.put((Long) row[0], (String) row[1]);
            }
        } catch (SQLException e) {
            // the schema itself is unreadable: the check's own lines say so
        }
        return roots;
    }
}
