package dev.statekeeper.json;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.config.Settings;

import java.time.Clock;

/** The {@code json} backend, found by {@link java.util.ServiceLoader}. */
public final class JsonStoreProvider implements StateStoreProvider {
    @Override
    public String name() {
        return "json";
    }

    @Override
    public StateStore open(Settings settings, Clock clock) {
        return JsonStateStore.open(settings, clock);
    }
}
