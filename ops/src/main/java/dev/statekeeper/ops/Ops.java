package dev.statekeeper.ops;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.io.StoreFiles;
import dev.statekeeper.ops.json.JsonFiles;
import dev.statekeeper.ops.json.JsonRecoverer;
import dev.statekeeper.ops.json.JsonRepairer;
import dev.statekeeper.ops.json.JsonVerifier;
import dev.statekeeper.ops.postgres.PostgresRepairer;
import dev.statekeeper.ops.postgres.PostgresVerifier;
import dev.statekeeper.ops.sqlite.SqliteRecoverer;
import dev.statekeeper.ops.sqlite.SqliteRepairer;
import dev.statekeeper.ops.sqlite.SqliteVerifier;

import java.time.Clock;
import java.util.List;

/**
 * The operator's commands on the store the settings name, working from its location (the SQLite file, the json
 * file, DATABASE_URL) with connections of their own rather than through a {@code StateStore}, which a damaged store
 * cannot open: {@link #verify}, {@link #repair(Settings, Clock, String)} (verify, back up, fix what is safe, verify again) and
 * {@link #recover} (salvage a damaged file into a new one, keeping the damaged one).
 */
public final class Ops {
    private static final String MEMORY = "in-process memory";

    private Ops() {
    }

    public static VerifyReport verify(Settings settings, Clock clock) {
        return switch (settings.backend()) {
            case "sqlite" -> SqliteVerifier.verify(sqlite(settings), settings.loopHistorySize());
            case "json" -> JsonVerifier.verify(json(settings), clock);
            case "postgres" -> PostgresVerifier.verify(settings);
            default -> VerifyReport.nothingToCheck(settings.backend(), MEMORY);
        };
    }

    /** {@link #repair(Settings, Clock, String)} with no Statekeeper version for a backup's manifest. */
    public static RepairReport repair(Settings settings, Clock clock) {
        return repair(settings, clock, "(unknown version)");
    }

    /**
     * Verify, back up, fix what is safe, verify again. {@code statekeeperVersion} goes into the manifest of a
     * PostgreSQL store's backup (a portable export, as {@code db backup} writes).
     */
    public static RepairReport repair(Settings settings, Clock clock, String statekeeperVersion) {
        String stamp = OpsFiles.stamp(clock);
        return switch (settings.backend()) {
            case "sqlite" -> SqliteRepairer.repair(sqlite(settings), settings.loopHistorySize(),
                    settings.seconds(Setting.SQLITE_BUSY_TIMEOUT), settings.dataDir(), stamp);
            case "json" -> JsonRepairer.repair(json(settings), clock, stamp);
            case "postgres" -> PostgresRepairer.repair(settings, clock, stamp, statekeeperVersion);
            default -> RepairReport.unchanged(VerifyReport.nothingToCheck(settings.backend(), MEMORY),
                    List.of("nothing to repair"));
        };
    }

    public static RecoverReport recover(Settings settings, Clock clock, boolean backupFirst) {
        String stamp = OpsFiles.stamp(clock);
        return switch (settings.backend()) {
            case "sqlite" -> SqliteRecoverer.recover(sqlite(settings), settings, clock, stamp, backupFirst);
            case "json" -> JsonRecoverer.recover(json(settings), clock, stamp, backupFirst);
            case "postgres" -> throw new StatekeeperException(ErrorCode.USAGE, "db recover salvages damaged SQLite and "
                    + "json files; a PostgreSQL database is restored from its backups instead (pg_restore of a pg_dump, "
                    + "or point-in-time recovery from archived WAL)");
            default -> throw new StatekeeperException(ErrorCode.USAGE, "db recover has nothing to recover in a "
                    + settings.backend() + " store: it keeps nothing on disk");
        };
    }

    /** The SQLite file of the settings, refused when the path holds a device, a FIFO or a directory. */
    private static java.nio.file.Path sqlite(Settings settings) {
        return StoreFiles.requireFileOrNothing(settings.sqlitePath().toAbsolutePath(), "sqlite database");
    }

    /** The settings, once the json store's file is known to be a regular file or absent. */
    private static Settings json(Settings settings) {
        StoreFiles.requireFileOrNothing(JsonFiles.file(settings), "json store");
        return settings;
    }
}
