package dev.statekeeper.ops.sqlite;

import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.EventFindings;
import dev.statekeeper.ops.Finding;
import dev.statekeeper.ops.OpsFiles;
import dev.statekeeper.ops.RepairReport;
import dev.statekeeper.ops.VerifyReport;
import dev.statekeeper.ops.sql.Jdbc;
import dev.statekeeper.ops.sql.RowRepairs;
import dev.statekeeper.ops.sql.SqlFlavor;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code db verify --repair} of a SQLite file: verify; if anything is safe to fix, back the file up with SQLite's
 * backup API into {@code <data dir>/backups/pre-repair-<time>/}, then in one write transaction rebuild damaged
 * indexes (REINDEX, first, as the other repairs look rows up through them) and apply the row repairs; then
 * verify again. A file whose pages are damaged is not written to at all: that is {@code db recover}'s work.
 */
public final class SqliteRepairer {
    /** The checks whose findings repair can fix. */
    private static final Set<Check> FIXABLE = EnumSet.of(Check.ORPHANS, Check.FEEDBACK_COUNT, Check.HISTORY,
            Check.REVISIONS);

    private SqliteRepairer() {
    }

    public static RepairReport repair(Path file, int historySize, Duration busyTimeout, Path dataDir, String stamp) {
        SqliteVerifier.Inspection before = SqliteVerifier.inspect(file, historySize);
        VerifyReport report = before.report();
        if (!before.exists()) {
            return RepairReport.unchanged(report, List.of("nothing to repair: the file does not exist"));
        }
        if (before.pagesDamaged()) {
            return RepairReport.unchanged(report, List.of("nothing was changed: the file's pages are damaged, which "
                    + "repair does not touch; run 'statekeeper db recover' (it keeps the damaged file)"));
        }
        boolean fixable = before.indexesDamaged()
                || report.findings().stream().anyMatch(f -> FIXABLE.contains(f.check()) || EventFindings.repairable(f));
        if (!fixable) {
            return RepairReport.unchanged(report, List.of("nothing to repair"
                    + (report.clean() ? "" : ": the remaining findings need a decision, see their fixes")));
        }
        Path absolute = file.toAbsolutePath();
        Path backupDir = OpsFiles.backupDirectory(dataDir, "pre-repair", stamp);
        List<String> changes = new ArrayList<>();
        try {
            try (Connection c = SqliteFiles.readOnly(absolute)) {
                SqliteFiles.backup(c, backupDir.resolve(absolute.getFileName()));
            }
            try (Connection c = SqliteFiles.writable(absolute, busyTimeout)) {
                Jdbc.execute(c, "BEGIN IMMEDIATE");
                try {
                    if (before.indexesDamaged()) {
                        Jdbc.execute(c, "REINDEX");
                        changes.add("rebuilt every index from its table (REINDEX)");
                    }
                    changes.addAll(RowRepairs.apply(c, SqlFlavor.SQLITE, historySize));
                    Jdbc.execute(c, "COMMIT");
                } catch (SQLException | RuntimeException e) {
                    Jdbc.execute(c, "ROLLBACK");
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw SqliteErrors.failed("repair of sqlite database '" + absolute + "' changed nothing (the backup taken "
                    + "first is in '" + backupDir + "')", e);
        }
        return new RepairReport(report, backupDir, changes, List.of(), SqliteVerifier.verify(file, historySize));
    }
}
