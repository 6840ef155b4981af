package dev.statekeeper.ops.memory;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.memory.MemoryStoreProvider;
import dev.statekeeper.ops.BackendOps;
import dev.statekeeper.ops.RecoverReport;
import dev.statekeeper.ops.RepairReport;
import dev.statekeeper.ops.VerifyReport;

import java.time.Clock;
import java.util.List;

/** A memory store keeps nothing outside the process that holds it: nothing to verify, repair or recover. */
public final class MemoryOps implements BackendOps {
    @Override
    public String backend() {
        return MemoryStoreProvider.NAME;
    }

    @Override
    public VerifyReport verify(Settings settings, Clock clock) {
        return VerifyReport.nothingToCheck(backend(), Backends.require(backend()).location(settings));
    }

    @Override
    public RepairReport repair(Settings settings, Clock clock, String stamp, String statekeeperVersion) {
        return RepairReport.unchanged(verify(settings, clock), List.of("nothing to repair"));
    }

    @Override
    public RecoverReport recover(Settings settings, Clock clock, String stamp, boolean backupFirst) {
        throw new StatekeeperException(ErrorCode.USAGE, "db recover has nothing to recover in a " + backend()
                + " store: it keeps nothing on disk");
    }
}
