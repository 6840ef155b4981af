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
        return List.of(new MigrationsCheck(), new BackupAgeCheck(), new BackupIntegrityCheck(), new MaintenanceAgeCheck());
    }
}
