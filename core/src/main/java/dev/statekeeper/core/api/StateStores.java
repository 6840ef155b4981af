package dev.statekeeper.core.api;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Opens the store the settings name. */
public final class StateStores {
    private StateStores() {
    }

    public static StateStore open(Settings settings) {
        return open(settings, Clock.systemUTC());
    }

    public static StateStore open(Settings settings, Clock clock) {
        String backend = settings.backend();
        List<String> known = new ArrayList<>();
        for (StateStoreProvider provider : ServiceLoader.load(StateStoreProvider.class)) {
            if (provider.name().equals(backend)) {
                return provider.open(settings, clock);
            }
            known.add(provider.name());
        }
        throw new StatekeeperException(ErrorCode.CONFIG_INVALID, Setting.BACKEND.variable() + " = " + backend
                + ": this build has no such backend (available: " + String.join(", ", known) + ")");
    }
}
