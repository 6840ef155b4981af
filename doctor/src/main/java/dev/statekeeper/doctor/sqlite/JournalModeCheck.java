package dev.statekeeper.doctor.sqlite;

import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;
import java.util.Locale;

/**
 * {@code journal-mode}: the file is in WAL mode, in which readers and the one writer do not block each other (seed
 * 004's setup). The store sets WAL whenever it opens the file, so another mode means something else changed it
 * since: P3, as the next open of the store sets it back.
 */
final class JournalModeCheck implements Check<SqliteHandle> {
    @Override
    public String id() {
        return "journal-mode";
    }

    @Override
    public String title() {
        return "SQLite journal mode is WAL";
    }

    @Override
    public boolean cheap() {
        return true;
    }

    @Override
    public CheckResult run(SqliteHandle handle, CheckContext context) throws SQLException {
        String mode = handle.text("PRAGMA journal_mode").toLowerCase(Locale.ROOT);
        CheckResult.Builder result = CheckResult.of(this).evidence("journalMode", mode).threshold("journal_mode = wal");
        if (mode.equals("wal")) {
            return result.ok("the file is in WAL mode");
        }
        return result.runbook("readers and the writer block each other until the store next opens the file, which "
                        + "sets WAL again; if it keeps changing, find the tool that sets it (a backup script using "
                        + "the sqlite3 shell?) and stop it")
                .fix(Fix.manual("sqlite3 '" + handle.file() + "' 'PRAGMA journal_mode=WAL'  # with every statekeeper "
                        + "process stopped", "sqlite3 '" + handle.file() + "' 'PRAGMA journal_mode=" + mode.toUpperCase(Locale.ROOT) + "'"))
                .finding(Severity.P3, "the file is in " + mode + " journal mode, not WAL: readers and the writer "
                        + "block each other");
    }
}
