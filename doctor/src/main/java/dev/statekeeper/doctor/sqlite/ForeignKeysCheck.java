package dev.statekeeper.doctor.sqlite;

import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code foreign-keys}: {@code PRAGMA foreign_key_check}, rows whose parent row is gone (feedback of a deleted loop,
 * a link to a missing spec), counted per table and parent. They come from writes made with foreign keys off (the
 * sqlite3 shell's default) or from a damaged file: P2, the store reads around them but they break exports and
 * copies. It scans every child table.
 */
final class ForeignKeysCheck implements Check<SqliteHandle> {
    @Override
    public String id() {
        return "foreign-keys";
    }

    @Override
    public String title() {
        return "Rows refer to parents that exist";
    }

    @Override
    public boolean cheap() {
        return false;
    }

    @Override
    public CheckResult run(SqliteHandle handle, CheckContext context) throws SQLException {
        Map<String, Integer> orphans = new LinkedHashMap<>();
        for (String pair : handle.list("PRAGMA foreign_key_check", r -> r.getString(1) + " -> " + r.getString(3))) {
            orphans.merge(pair, 1, Integer::sum);
        }
        CheckResult.Builder result = CheckResult.of(this).threshold("no row of PRAGMA foreign_key_check");
        if (orphans.isEmpty()) {
            return result.ok("every row's parent row exists");
        }
        int rows = orphans.values().stream().mapToInt(Integer::intValue).sum();
        return result.evidence("rows", rows).evidence("byTable", orphans)
                .runbook("'statekeeper db verify' names each orphaned row; 'statekeeper db verify --repair' backs the "
                        + "store up and deletes them; then find what wrote them (a script with foreign keys off?)")
                .fix(Fix.manual("statekeeper db verify --repair", "'statekeeper db restore pre-repair-<UTC time>' puts "
                        + "the backup it takes first back"))
                .finding(Severity.P2, rows + " row(s) refer to a parent row that does not exist: "
                        + String.join(", ", orphans.keySet()));
    }
}
