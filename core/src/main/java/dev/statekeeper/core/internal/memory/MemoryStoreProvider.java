package dev.statekeeper.core.internal.memory;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The {@code memory} backend: {@code memory:} (or just {@code memory}) names a new, empty store. */
public final class MemoryStoreProvider implements StateStoreProvider {
    public static final String NAME = "memory";
    static final String SCHEME = NAME + ":";
    /** Where a memory store's data lives, as messages say it. */
    static final String LOCATION = "in-process memory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<String> schemes() {
        return List.of(SCHEME);
    }

    @Override
    public String example() {
        return SCHEME;
    }

    @Override
    public String urlProblem(String url) {
        return url.equals(SCHEME) ? null : "must end after " + SCHEME + " (a memory store has no location)";
    }

    @Override
    public Map<Setting, String> locate(String url) {
        return Map.of();
    }

    @Override
    public String location(Settings settings) {
        return LOCATION;
    }

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public StateStore open(Settings settings, Clock clock) {
        return new MemoryStateStore(settings, clock);
    }
}
