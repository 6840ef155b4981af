package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The {@code sqlite} backend, found by {@link java.util.ServiceLoader}: {@code sqlite:/path/state.db} names the file,
 * in DATABASE_URL or as a target; without one, {@code state.db} in the data directory ({@link Settings#sqlitePath()}).
 */
public final class SqliteStoreProvider implements StateStoreProvider {
    /** Called by {@link java.util.ServiceLoader}; applications open stores with {@code StateStores.open(settings)}. */
    public SqliteStoreProvider() {
        // nothing to set up: the provider holds no state
    }

    public static final String NAME = "sqlite";
    public static final String SCHEME = NAME + ":";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<String> schemes() {
        return List.of(SCHEME);
    }

    @Override
    public String example() {
        return SCHEME + "/path/state.db";
    }

    @Override
    public boolean takesDatabaseUrl() {
        return true;
    }

    @Override
    public String urlProblem(String url) {
        return url.length() > SCHEME.length() ? null : "must name a file after " + SCHEME;
    }

    @Override
    public Map<Setting, String> locate(String url) {
        Path file = Path.of(url.substring(SCHEME.length())).toAbsolutePath().normalize();
        return Map.of(Setting.DATABASE_URL, SCHEME + file);
    }

    @Override
    public String location(Settings settings) {
        return settings.sqlitePath().toString();
    }

    @Override
    public StateStore open(Settings settings, Clock clock) {
        return SqliteStateStore.open(settings, clock);
    }
}
