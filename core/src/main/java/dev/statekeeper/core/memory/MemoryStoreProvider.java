package dev.statekeeper.core.memory;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.config.Settings;

import java.time.Clock;

/** The {@code memory} backend. */
public final class MemoryStoreProvider implements StateStoreProvider {
    @Override
    public String name() {
        return "memory";
    }

    @Override
    public StateStore open(Settings settings, Clock clock) {
        return new MemoryStateStore(settings, clock);
    }
}
