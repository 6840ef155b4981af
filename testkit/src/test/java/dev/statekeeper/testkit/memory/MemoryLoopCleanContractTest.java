package dev.statekeeper.testkit.memory;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.memory.MemoryStateStore;
import dev.statekeeper.testkit.contract.LoopCleanContract;

import java.time.Clock;

class MemoryLoopCleanContractTest extends LoopCleanContract {
    @Override
    protected StateStore newStore(Settings settings, Clock clock) {
        return new MemoryStateStore(settings, clock);
    }
}
