package dev.statekeeper.doctor.sqlite;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.sql.SQLException;

/**
 * {@code freelist}: the share of the file's pages that are free (left by deleted rows; SQLite reuses them but never
 * gives them back to the file system without VACUUM). P3 when at least STATEKEEPER_DOCTOR_FREELIST_PERCENT of the
 * pages and at least STATEKEEPER_DOCTOR_FREELIST_MIN_MB are free: space a VACUUM would return.
 */
final class FreelistCheck implements Check<SqliteHandle> {
    private static final long MIB = 1024 * 1024;

    @Override
    public String id() {
        return "freelist";
    }

    @Override
    public String title() {
        return "Free pages in the SQLite file";
    }

    @Override
    public boolean cheap() {
        return true;
    }

    @Override
    public CheckResult run(SqliteHandle handle, CheckContext context) throws SQLException {
        long pages = handle.number("PRAGMA page_count");
        long free = handle.number("PRAGMA freelist_count");
        long pageSize = handle.number("PRAGMA page_size");
        double percent = pages == 0 ? 0 : Math.round(free * 1000.0 / pages) / 10.0;
        int limit = context.integer(Setting.DOCTOR_FREELIST_PERCENT);
        int floor = context.integer(Setting.DOCTOR_FREELIST_MIN_MB);
        CheckResult.Builder result = CheckResult.of(this).evidence("pages", pages).evidence("freePages", free)
                .evidence("freePercent", percent).evidence("freeBytes", free * pageSize)
                .threshold("free pages < " + limit + " % or < " + floor + " MiB ("
                        + context.named(Setting.DOCTOR_FREELIST_PERCENT) + ", "
                        + context.named(Setting.DOCTOR_FREELIST_MIN_MB) + ")");
        if (percent < limit || free * pageSize < floor * MIB) {
            return result.ok(percent + " % of the file's pages are free");
        }
        return result.runbook("nothing is wrong with the rows: the pages are reused by new ones; to give the space back "
                        + "run VACUUM in a quiet moment (it rewrites the whole file, needs free disk space of the file's "
                        + "size and blocks writers while it runs)")
                .fix(Fix.manual("sqlite3 '" + handle.file() + "' 'VACUUM'", "nothing to undo: VACUUM keeps every row"))
                .finding(Severity.P3, percent + " % of the file's pages (" + (free * pageSize / MIB)
                        + " MiB) are free: a VACUUM would give them back");
    }
}
