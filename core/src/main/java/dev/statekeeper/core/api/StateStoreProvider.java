package dev.statekeeper.core.api;

import dev.statekeeper.core.config.Settings;

import java.time.Clock;

/**
 * A backend, found with {@link java.util.ServiceLoader}. Backend modules register theirs in
 * {@code META-INF/services/dev.statekeeper.core.api.StateStoreProvider}; core knows none of them.
 */
public interface StateStoreProvider {
    /** The backend's name as STATEKEEPER_BACKEND spells it. */
    String name();

    StateStore open(Settings settings, Clock clock);
}
