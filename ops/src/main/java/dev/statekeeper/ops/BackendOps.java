package dev.statekeeper.ops;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.jdbc.migration.Migrator;

import java.time.Clock;
import java.util.Optional;

/**
 * The operator's hooks of one backend, found with {@link java.util.ServiceLoader}: an ops module registers them
 * in {@code META-INF/services/dev.statekeeper.ops.BackendOps}, one per backend, and {@link Ops} dispatches to the
 * hooks of the backend the settings name, knowing none by name. Each hook works from the store's location with
 * access of its own rather than through a {@code StateStore}, which a damaged store cannot open. New hooks (the
 * doctor's checks) come as methods with a default, so that a backend that has none still loads.
 */
public interface BackendOps {
    /** The backend these hooks are for, as its {@code StateStoreProvider} names it. */
    String backend();

    /** Checks the store without changing it. */
    VerifyReport verify(Settings settings, Clock clock);

    /**
     * Verifies, backs up, fixes what is safe and verifies again; {@code stamp} names what it writes
     * ({@code pre-repair-<stamp>}), {@code statekeeperVersion} goes into a backup's manifest.
     */
    RepairReport repair(Settings settings, Clock clock, String stamp, String statekeeperVersion);

    /** Salvages a damaged store into a new one, keeping the damaged one; USAGE for a backend that has nothing to salvage. */
    RecoverReport recover(Settings settings, Clock clock, String stamp, boolean backupFirst);

    /** The schema migrations of the store ({@code db migrate}, {@code db migrate status}); empty when it has no schema. */
    default Optional<Migrator> migrator(Settings settings) {
        return Optional.empty();
    }
}
