package dev.statekeeper.doctor.common;

import dev.statekeeper.doctor.Check;

import java.util.List;

/**
 * The checks every backend gets after its own, each deciding for itself whether it applies (a backend whose stores
 * are not durable has no backups; one without schema migrations has none to check).
 */
public final class CommonChecks {
    private CommonChecks() {
    }

    public static List<Check<Object>> all() {
        return List.of(new MigrationsCheck(), new BackupAgeCheck(), new BackupIntegrityCheck(), new MaintenanceAgeCheck(),
                new SlowOperationsCheck(), new ErrorRateCheck());
    }

    /**
     * {@code pool-usage}, for the backends whose stores report the counts of a pool
     * ({@link dev.statekeeper.core.api.StateStore#poolStats()}): the serving process's pool, read from the live
     * store when the doctor runs inside that process, skipped elsewhere.
     */
    public static Check<Object> poolUsage() {
        return new PoolUsageCheck();
    }
}
