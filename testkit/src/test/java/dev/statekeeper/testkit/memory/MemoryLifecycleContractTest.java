package dev.statekeeper.testkit.memory;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.memory.MemoryStateStore;
import dev.statekeeper.testkit.contract.LifecycleContract;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryLifecycleContractTest extends LifecycleContract {
    @Override
    protected StateStore newStore(Settings settings, Clock clock) {
        return new MemoryStateStore(settings, clock);
    }

    @Test
    void aMemoryStoreTakesNoRoomOnDisk() {
        assertThat(store.info().sizes()).isEmpty();
    }
}
