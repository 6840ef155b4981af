package dev.statekeeper.doctor.maintain;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.time.Clock;
import java.time.Duration;

/**
 * {@code statekeeper db maintain [--dry-run]}: the routine maintenance of the settings' store, recorded in its
 * maintenance log ({@link MaintenanceLog}); a dry run lists the steps and changes nothing (not even the log). Every
 * run first prunes the change history: events and Idempotency-Keys older than STATEKEEPER_EVENTS_RETENTION.
 * <ul>
 *   <li>SQLite: {@code PRAGMA optimize}, {@code ANALYZE}, {@code PRAGMA wal_checkpoint(TRUNCATE)}, and {@code VACUUM}
 *       only when the free list is over the doctor's freelist threshold (STATEKEEPER_DOCTOR_FREELIST_PERCENT and
 *       _MIN_MB), on a connection of its own that waits at most STATEKEEPER_SQLITE_BUSY_TIMEOUT for a writer.</li>
 *   <li>PostgreSQL: {@code VACUUM (ANALYZE)} of each of Statekeeper's tables (those of the current schema), on a
 *       connection of its own with {@code lock_timeout} = STATEKEEPER_DOCTOR_CHECK_TIMEOUT and
 *       {@code statement_timeout} = STATEKEEPER_DOCTOR_BUDGET per statement, {@code application_name}
 *       statekeeper-maintain. Never VACUUM FULL.</li>
 *   <li>json: the backups beside the file compacted by the rotation's rule: those beyond STATEKEEPER_JSON_BACKUPS
 *       deleted, gaps a crash left closed (state.json.3 becomes .2 when .2 is missing), under the store's lock.</li>
 * </ul>
 * Before a real run the store is opened once as every command opens it, so pending migrations apply (or it is refused
 * with STATEKEEPER_AUTO_MIGRATE=false).
 */
public final class Maintenance {
    private Maintenance() {
    }

    public static MaintenanceRun run(Settings settings, Clock clock, boolean dryRun) {
        return switch (settings.backend()) {
            case "sqlite" -> SqliteMaintenance.run(settings, clock, dryRun);
            case "postgres" -> PostgresMaintenance.run(settings, clock, dryRun);
            case "json" -> JsonMaintenance.run(settings, clock, dryRun);
            default -> throw new StatekeeperException(ErrorCode.USAGE, "the " + settings.backend() + " backend keeps "
                    + "nothing to maintain: db maintain is for the sqlite, postgres and json backends");
        };
    }

    /**
     * The first step of every run: the events and Idempotency-Keys older than STATEKEEPER_EVENTS_RETENTION removed,
     * through the store (so on json under its write lock, which the backend's own steps take after it).
     */
    static void pruneEvents(Steps steps, Settings settings, Clock clock) {
        Duration keep = settings.seconds(Setting.EVENTS_RETENTION);
        steps.run("prune events older than " + age(keep) + " (" + Setting.EVENTS_RETENTION.variable() + ")", () -> {
            try (StateStore store = StateStores.open(settings, clock)) {
                long removed = store.events().prune(keep);
                return removed == 1 ? "1 event removed" : removed + " events removed";
            }
        });
    }

    private static String age(Duration d) {
        long s = d.toSeconds();
        return s % 86_400 == 0 ? s / 86_400 + "d" : s % 3_600 == 0 ? s / 3_600 + "h" : s + "s";
    }

    /** The failure of a run that did not end ok, with what ran before it. */
    public static StatekeeperException failure(MaintenanceRun run) {
        String reason = run.result().toLowerCase(java.util.Locale.ROOT);
        ErrorCode code = reason.contains("busy") || reason.contains("locked") || reason.contains("lock timeout")
                ? ErrorCode.DATABASE_BUSY : ErrorCode.BACKEND_UNAVAILABLE;
        return new StatekeeperException(code, "db maintain of " + run.target() + " " + run.result()
                + " (the steps before it ran; the run is recorded in the maintenance log)");
    }
}
