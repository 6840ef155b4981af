package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.config.Settings;

import java.time.Clock;

/** The {@code postgres} backend, found by {@link java.util.ServiceLoader}. */
public final class PostgresStoreProvider implements StateStoreProvider {
    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public StateStore open(Settings settings, Clock clock) {
        return PostgresStateStore.open(settings, clock);
    }
}
