package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.config.Settings;

import java.time.Clock;

/** The {@code sqlite} backend, found by {@link java.util.ServiceLoader}. */
public final class SqliteStoreProvider implements StateStoreProvider {
    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public StateStore open(Settings settings, Clock clock) {
        return SqliteStateStore.open(settings, clock);
    }
}
