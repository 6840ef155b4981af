package dev.statekeeper.ops;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.migration.Migrator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The operator's commands on the store the settings name, working from its location (the SQLite file, the json
 * file, DATABASE_URL) with connections of their own rather than through a {@code StateStore}, which a damaged store
 * cannot open: {@link #verify}, {@link #repair(Settings, Clock, String)} (verify, back up, fix what is safe, verify again) and
 * {@link #recover} (salvage a damaged file into a new one, keeping the damaged one). Each is done by the
 * {@link BackendOps} of the settings' backend.
 */
public final class Ops {
    private Ops() {
    }

    public static VerifyReport verify(Settings settings, Clock clock) {
        return hooks(settings).verify(settings, clock);
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
        return hooks(settings).repair(settings, clock, OpsFiles.stamp(clock), statekeeperVersion);
    }

    public static RecoverReport recover(Settings settings, Clock clock, boolean backupFirst) {
        return hooks(settings).recover(settings, clock, OpsFiles.stamp(clock), backupFirst);
    }

    /** The schema migrations of the settings' store; empty for a backend without a schema (or without hooks). */
    public static Optional<Migrator> migrator(Settings settings) {
        return installed().stream().filter(h -> h.backend().equals(settings.backend())).findFirst()
                .flatMap(h -> h.migrator(settings));
    }

    /**
     * The hooks of the settings' backend; USAGE naming the backends that have some when none are installed for it:
     * "the testmem backend has no verify, repair or recover in this build (they are installed for memory, json,
     * sqlite, postgres)".
     */
    static BackendOps hooks(Settings settings) {
        String backend = settings.backend();
        List<BackendOps> installed = installed();
        return installed.stream().filter(h -> h.backend().equals(backend)).findFirst()
                .orElseThrow(() -> new StatekeeperException(ErrorCode.USAGE, "the " + backend + " backend has no "
                        + "verify, repair or recover in this build (they are installed for "
                        + String.join(", ", installed.stream().map(BackendOps::backend).toList()) + ")"));
    }

    /** The installed hooks, in the order of their backends ({@link Backends}), then any for no installed backend. */
    private static List<BackendOps> installed() {
        List<BackendOps> hooks = new ArrayList<>();
        ServiceLoader.load(BackendOps.class).forEach(hooks::add);
        List<String> order = Backends.names();
        hooks.sort((a, b) -> Integer.compare(rank(order, a), rank(order, b)));
        return hooks;
    }

    private static int rank(List<String> order, BackendOps hooks) {
        int i = order.indexOf(hooks.backend());
        return i < 0 ? order.size() : i;
    }
}
