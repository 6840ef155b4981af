package dev.statekeeper.core.api;

import dev.statekeeper.core.config.Settings;

import java.time.Clock;

/** Opens the store the settings name, with the installed backend of that name ({@link Backends}). */
public final class StateStores {
    private StateStores() {
    }

    public static StateStore open(Settings settings) {
        return open(settings, Clock.systemUTC());
    }

    public static StateStore open(Settings settings, Clock clock) {
        return Backends.require(settings.backend()).open(settings, clock);
    }
}
