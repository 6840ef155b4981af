package dev.statekeeper.doctor.sqlite;

import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;
import org.sqlite.SQLiteException;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code integrity}: {@code PRAGMA quick_check}, which reads every page and checks its structure (O(size) but
 * cheaper than the full check), or, when named with {@code --check integrity}, {@code PRAGMA integrity_check},
 * which also checks that every index matches its table. Damage is P1: some reads fail or return wrong rows, and
 * writes may spread it.
 */
final class IntegrityCheck implements Check<SqliteHandle> {
    static final String ID = "integrity";
    private static final int MAX_LINES = 100;
    private static final int SHOWN = 5;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "SQLite file integrity";
    }

    @Override
    public boolean cheap() {
        return false;
    }

    @Override
    public CheckResult run(SqliteHandle handle, CheckContext context) throws SQLException {
        String pragma = context.named(ID) ? "integrity_check" : "quick_check";
        CheckResult.Builder result = CheckResult.of(this).evidence("pragma", pragma)
                .threshold("PRAGMA " + pragma + " reports ok");
        List<String> problems = new ArrayList<>();
        try {
            for (String row : handle.list("PRAGMA " + pragma + "(" + MAX_LINES + ")", r -> r.getString(1))) {
                Arrays.stream(row.split("\n")).map(String::strip).filter(l -> !l.isEmpty() && !l.equals("ok"))
                        .forEach(problems::add);
            }
        } catch (SQLiteException e) {
            problems.add("the check stopped: " + e.getMessage());
        }
        if (problems.isEmpty()) {
            return result.ok("PRAGMA " + pragma + " found no damage" + (context.named(ID) ? ""
                    : " (--check integrity runs the full integrity_check, which also compares indexes with their tables)"));
        }
        return result.evidence("problems", problems.size()).evidence("first", problems.subList(0, Math.min(SHOWN,
                        problems.size())))
                .runbook("stop the processes that write to it; 'statekeeper db verify' names the damaged tables and "
                        + "indexes; 'statekeeper db verify --repair' rebuilds damaged indexes (REINDEX); when pages are "
                        + "damaged, 'statekeeper db recover --backup-first' salvages every readable row into a new file, "
                        + "or restore the newest backup ('statekeeper db backups', 'statekeeper db restore NAME')")
                .fix(Fix.manual("statekeeper db recover --backup-first", "the damaged file is kept beside the new one "
                        + "as state.db.damaged-<UTC time>: stop statekeeper and move it back"))
                .finding(Severity.P1, "PRAGMA " + pragma + " found " + problems.size()
                        + (problems.size() >= MAX_LINES ? " or more" : "") + " problem(s) in '" + handle.file() + "': "
                        + problems.getFirst());
    }
}
