package dev.statekeeper.core.api;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A backend, found with {@link java.util.ServiceLoader}. Backend modules register theirs in
 * {@code META-INF/services/dev.statekeeper.core.api.StateStoreProvider}; core, ops and the CLI know none of them by
 * name. The provider owns the backend's identity: its name, the URL schemes it claims, how such a URL becomes
 * settings, how it describes where its data lives, and how it opens a store. {@link Backends} finds them.
 *
 * <p>An implementation needs a public no-argument constructor (for {@link java.util.ServiceLoader}) and must be
 * thread-safe: {@link Backends} keeps one instance and every thread shares it.
 */
public interface StateStoreProvider {
    /**
     * The backend's name as STATEKEEPER_BACKEND and {@code --backend} spell it.
     *
     * @return the name, in lower case: {@code sqlite}
     */
    String name();

    /**
     * Where the backend stands in lists of backends (messages, {@code --help}, the README): lower first, then by
     * name. The built-ins stand at 10 (memory), 20 (json), 30 (sqlite) and 40 (postgres); one that does not say,
     * at 100.
     *
     * @return the position, lower first
     */
    default int order() {
        return 100;
    }

    /**
     * The URL schemes the backend claims, each as a URL starts with it ({@code sqlite:}, {@code postgresql://}), the
     * one messages show first. A URL that starts with one names a store of this backend ({@code db copy --to}).
     *
     * @return the schemes, at least one
     */
    List<String> schemes();

    /**
     * A URL of the backend as help and messages show it.
     *
     * @return an example URL: {@code sqlite:/path/state.db}, {@code memory:}
     */
    String example();

    /**
     * Whether the URL names a store of this backend.
     *
     * @param url a URL, or null
     * @return whether it starts with one of {@link #schemes()}
     */
    default boolean claims(String url) {
        return url != null && schemes().stream().anyMatch(url::startsWith);
    }

    /**
     * Whether DATABASE_URL may hold the backend's URLs: true for the backends that keep their location there (the
     * SQL databases), false for those that keep it elsewhere (json in STATEKEEPER_DATA_DIR) or have none (memory).
     *
     * @return whether DATABASE_URL may name a store of this backend; false unless overridden
     */
    default boolean takesDatabaseUrl() {
        return false;
    }

    /**
     * Checks a URL it {@link #claims}.
     *
     * @param url a URL this backend claims
     * @return the rule it breaks, as messages end with it ("must name a file after sqlite:"), or null when it
     *         names a store; null unless overridden
     */
    default String urlProblem(String url) {
        return null;
    }

    /**
     * The settings that point at the store a URL names (one it claims, with no {@link #urlProblem}), relative paths
     * made absolute: laid over the current settings by {@code db copy --to}, and written to the config file by
     * {@code --switch}.
     *
     * @param url a URL this backend claims, with no {@link #urlProblem}
     * @return the settings and their values; empty for a backend that has no location
     */
    Map<Setting, String> locate(String url);

    /**
     * Where a store of these settings keeps its data, as messages show it.
     *
     * @param settings the settings a store would open with
     * @return a file, a directory, or a URL with its password masked
     */
    String location(Settings settings);

    /**
     * Whether the records outlive the {@link StateStore} that holds them: false for a backend whose stores start
     * empty and lose everything when closed (memory), which cannot be switched to and is never "the same store".
     *
     * @return whether the backend keeps its records; true unless overridden
     */
    default boolean durable() {
        return true;
    }

    /**
     * Opens a store of this backend, as {@link StateStores#open(Settings, Clock)} describes.
     *
     * @param settings the validated settings
     * @param clock    the clock that stamps records
     * @return the open store; the caller closes it
     * @throws dev.statekeeper.core.error.StatekeeperException when the store cannot be opened, with the codes
     *         {@link StateStores#open(Settings, Clock)} names
     */
    StateStore open(Settings settings, Clock clock);
}
