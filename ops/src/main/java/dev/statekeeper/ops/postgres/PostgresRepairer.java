package dev.statekeeper.ops.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.postgres.PostgresUrl;
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
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code db verify --repair} of a PostgreSQL database: verify; if anything is safe to fix, back the records up
 * with the portable export into {@code <data dir>/backups/pre-repair-<time>/} (a store that cannot be opened for
 * it is not repaired), then apply the row repairs in one transaction that holds the tables against other
 * writers (readers go on), and verify again.
 */
public final class PostgresRepairer {
    /** The checks whose findings repair can fix. */
    private static final Set<Check> FIXABLE = EnumSet.of(Check.ORPHANS, Check.FEEDBACK_COUNT, Check.HISTORY,
            Check.REVISIONS);
    /** Every table a repair writes or reads to decide: locked so no writer changes them in between. */
    private static final String LOCK = "LOCK TABLE loop_states, critic_feedback, loop_history, objective_feedback, "
            + "loop_to_spec_mappings, technical_specs, spec_revisions IN SHARE ROW EXCLUSIVE MODE";
    /** The export reads records as the store shows them (a spec through its revisions): not every raw row. */
    static final String BACKUP_NOTE = "the backup is the portable export 'db backup' writes (restore it with 'statekeeper "
            + "db restore DIR'): it holds the records as the store reads them, so not the orphaned rows, nor a spec none "
            + "of whose revisions exist; for a copy of every row take a pg_dump as well";

    private PostgresRepairer() {
    }

    public static RepairReport repair(Settings settings, Clock clock, String stamp, String statekeeperVersion) {
        VerifyReport report = PostgresVerifier.verify(settings);
        if (report.findings().stream().noneMatch(f -> FIXABLE.contains(f.check()) || EventFindings.repairable(f))) {
            return RepairReport.unchanged(report, List.of("nothing to repair"
                    + (report.clean() ? "" : ": the remaining findings need a decision, see their fixes")));
        }
        Path backupDir = OpsFiles.backupDirectory(settings.dataDir(), "pre-repair", stamp);
        try {
            StoreBackup.write(settings, clock, statekeeperVersion, backupDir);
        } catch (StatekeeperException e) {
            OpsFiles.deleteQuietly(backupDir);
            return RepairReport.unchanged(report, List.of("nothing was changed: repair backs the records up first, "
                    + "through the store, and that failed: " + e.getMessage() + "; fix that first, or take a backup "
                    + "with pg_dump and fix the findings by hand, as each one's fix says"));
        }
        List<String> changes;
        PostgresUrl url = PostgresUrl.parse(settings.raw(Setting.DATABASE_URL));
        try (Connection c = PostgresVerifier.dataSource(url, settings).getConnection()) {
            Jdbc.execute(c, "SET statement_timeout = " + settings.seconds(Setting.COMMAND_TIMEOUT).toMillis());
            c.setAutoCommit(false);
            try {
                Jdbc.execute(c, LOCK);
                changes = RowRepairs.apply(c, SqlFlavor.POSTGRES, settings.loopHistorySize());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StatekeeperException(ErrorCode.BACKEND_UNAVAILABLE, "repair of PostgreSQL database '"
                    + url.database() + "' at " + url.server() + " changed nothing (the backup taken first is in '"
                    + backupDir + "'): " + e.getMessage(), e);
        }
        return new RepairReport(report, backupDir, changes, List.of(BACKUP_NOTE), PostgresVerifier.verify(settings));
    }
}
