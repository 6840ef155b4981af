package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The {@code postgres} backend, found by {@link java.util.ServiceLoader}: DATABASE_URL (or a target) names the
 * database as {@code postgresql://user:pass@host:port/db} or {@code postgres://...} ({@link PostgresUrl}).
 */
public final class PostgresStoreProvider implements StateStoreProvider {
    /** Called by {@link java.util.ServiceLoader}; applications open stores with {@code StateStores.open(settings)}. */
    public PostgresStoreProvider() {
        // nothing to set up: the provider holds no state
    }

    public static final String NAME = "postgres";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public List<String> schemes() {
        return List.of("postgresql://", "postgres://");
    }

    @Override
    public String example() {
        return "postgresql://user:pass@host:port/db";
    }

    @Override
    public boolean takesDatabaseUrl() {
        return true;
    }

    @Override
    public Map<Setting, String> locate(String url) {
        return Map.of(Setting.DATABASE_URL, url);
    }

    /** DATABASE_URL with its password masked. */
    @Override
    public String location(Settings settings) {
        return Setting.DATABASE_URL.display(settings.raw(Setting.DATABASE_URL));
    }

    @Override
    public StateStore open(Settings settings, Clock clock) {
        return PostgresStateStore.open(settings, clock);
    }
}
