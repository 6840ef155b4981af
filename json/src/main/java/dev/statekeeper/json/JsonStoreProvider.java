package dev.statekeeper.json;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The {@code json} backend, found by {@link java.util.ServiceLoader}: {@code state.json} in the data directory,
 * which a target names as {@code json:/dir}.
 */
public final class JsonStoreProvider implements StateStoreProvider {
    /** Called by {@link java.util.ServiceLoader}; applications open stores with {@code StateStores.open(settings)}. */
    public JsonStoreProvider() {
        // nothing to set up: the provider holds no state
    }

    public static final String NAME = "json";
    static final String SCHEME = NAME + ":";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<String> schemes() {
        return List.of(SCHEME);
    }

    @Override
    public String example() {
        return SCHEME + "/dir";
    }

    @Override
    public String urlProblem(String url) {
        return url.length() > SCHEME.length() ? null : "must name a directory after " + SCHEME;
    }

    @Override
    public Map<Setting, String> locate(String url) {
        Path directory = Path.of(url.substring(SCHEME.length())).toAbsolutePath().normalize();
        return Map.of(Setting.DATA_DIR, directory.toString());
    }

    @Override
    public String location(Settings settings) {
        return settings.dataDir().resolve(StorePaths.FILE_NAME).toString();
    }

    @Override
    public StateStore open(Settings settings, Clock clock) {
        return JsonStateStore.open(settings, clock);
    }
}
