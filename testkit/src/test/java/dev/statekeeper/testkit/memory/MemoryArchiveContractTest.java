package dev.statekeeper.testkit.memory;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.memory.MemoryStateStore;
import dev.statekeeper.testkit.contract.ArchiveContract;

import java.time.Clock;

class MemoryArchiveContractTest extends ArchiveContract {
    @Override
    protected StateStore newStore(Settings settings, Clock clock) {
        return new MemoryStateStore(settings, clock);
    }
}
