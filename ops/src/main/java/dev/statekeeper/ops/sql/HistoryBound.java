package dev.statekeeper.ops.sql;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.Finding;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The active-loop history keeps the newest STATEKEEPER_LOOP_HISTORY_SIZE entries; the store trims it after each
 * create, so more entries mean the setting was lowered (or the table edited). Reads show the newest entries
 * only, so it is a warning; repair trims it as the next create would. The loops themselves stay.
 */
final class HistoryBound {
    private HistoryBound() {
    }

    static List<Finding> find(Connection c, int size) throws SQLException {
        long entries = Jdbc.number(c, "SELECT count(*) FROM loop_history");
        if (entries <= size) {
            return List.of();
        }
        return List.of(Finding.warning(Check.HISTORY, "loop_history", "the active-loop history holds " + entries
                + " entries, more than " + Setting.LOOP_HISTORY_SIZE.variable() + " (" + size + ")",
                "'statekeeper db verify --repair' removes the " + (entries - size) + " oldest (their loops stay), or raise "
                        + Setting.LOOP_HISTORY_SIZE.variable()));
    }

    static List<String> repair(Connection c, int size) throws SQLException {
        int removed = Jdbc.update(c, """
                DELETE FROM loop_history WHERE sequence_number <= (
                    SELECT sequence_number FROM loop_history ORDER BY sequence_number DESC LIMIT 1 OFFSET ?)""", size);
        return removed == 0 ? List.of() : List.of("loop_history: removed the " + Keys.plural(removed, "oldest entry",
                "oldest entries") + " beyond " + Setting.LOOP_HISTORY_SIZE.variable() + " (" + size
                + "); their loops are kept");
    }
}
