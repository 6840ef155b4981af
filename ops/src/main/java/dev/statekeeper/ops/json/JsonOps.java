package dev.statekeeper.ops.json;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.internal.io.StoreFiles;
import dev.statekeeper.json.JsonStoreProvider;
import dev.statekeeper.ops.BackendOps;
import dev.statekeeper.ops.RecoverReport;
import dev.statekeeper.ops.RepairReport;
import dev.statekeeper.ops.VerifyReport;

import java.time.Clock;

/** The json backend's hooks, on {@code state.json} in the data directory ({@link JsonFiles#file}). */
public final class JsonOps implements BackendOps {
    @Override
    public String backend() {
        return JsonStoreProvider.NAME;
    }

    @Override
    public VerifyReport verify(Settings settings, Clock clock) {
        return JsonVerifier.verify(checked(settings), clock);
    }

    @Override
    public RepairReport repair(Settings settings, Clock clock, String stamp, String statekeeperVersion) {
        return JsonRepairer.repair(checked(settings), clock, stamp);
    }

    @Override
    public RecoverReport recover(Settings settings, Clock clock, String stamp, boolean backupFirst) {
        return JsonRecoverer.recover(checked(settings), clock, stamp, backupFirst);
    }

    /** The settings, once the json store's file is known to be a regular file or absent. */
    private static Settings checked(Settings settings) {
        StoreFiles.requireFileOrNothing(JsonFiles.file(settings), "json store");
        return settings;
    }
}
