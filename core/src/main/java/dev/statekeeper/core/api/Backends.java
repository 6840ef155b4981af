package dev.statekeeper.core.api;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The installed backends: every {@link StateStoreProvider} that {@link ServiceLoader} finds through the thread's
 * context class loader, in their {@link StateStoreProvider#order() order}. Where a name, a URL or a list of
 * backends is needed, it comes from here, so that a backend on the class path can be selected like a built-in one.
 * The providers are found once per context class loader and kept. Thread-safe.
 */
public final class Backends {
    private static final Comparator<StateStoreProvider> ORDER =
            Comparator.comparingInt(StateStoreProvider::order).thenComparing(StateStoreProvider::name);

    /** The providers last found, and the class loader they were found with. */
    private static volatile Found found;

    private Backends() {
    }

    /**
     * Every installed backend, in order; of two that claim one name, the first.
     *
     * @return the providers, an immutable list
     */
    public static List<StateStoreProvider> installed() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Found current = found;
        if (current == null || current.loader() != loader) {
            current = new Found(loader, load(loader));
            found = current;
        }
        return current.providers();
    }

    /**
     * The names of the installed backends, in order.
     *
     * @return the names, such as {@code memory, json, sqlite, postgres}
     */
    public static List<String> names() {
        return installed().stream().map(StateStoreProvider::name).toList();
    }

    /**
     * The installed backend of the name.
     *
     * @param name the backend's name, in lower case as {@link StateStoreProvider#name()} gives it
     * @return the provider, or empty when none has the name
     */
    public static Optional<StateStoreProvider> named(String name) {
        return installed().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The installed backend of the name.
     *
     * @param name the backend's name
     * @return the provider
     * @throws StatekeeperException {@link ErrorCode#CONFIG_INVALID} naming the installed ones when none has the
     *         name: "STATEKEEPER_BACKEND = oracle: this build has no such backend (available: memory, json, sqlite,
     *         postgres)"
     */
    public static StateStoreProvider require(String name) {
        return named(name).orElseThrow(() -> new StatekeeperException(ErrorCode.CONFIG_INVALID,
                Setting.BACKEND.variable() + " = " + name + ": this build has no such backend (available: "
                        + String.join(", ", names()) + ")"));
    }

    /**
     * The installed backend that claims the URL: the first whose scheme starts it.
     *
     * @param url a store's URL ({@code sqlite:/path/state.db}, {@code json:/dir}, {@code memory:}, ...)
     * @return the provider, or empty when none claims it
     */
    public static Optional<StateStoreProvider> claiming(String url) {
        return installed().stream().filter(p -> p.claims(url)).findFirst();
    }

    /**
     * The backend that claims a DATABASE_URL value, of those that {@link StateStoreProvider#takesDatabaseUrl take
     * one}.
     *
     * @param url the value of DATABASE_URL
     * @return the provider, or empty when none of them claims it
     */
    public static Optional<StateStoreProvider> claimingDatabaseUrl(String url) {
        return databaseUrlBackends().stream().filter(p -> p.claims(url)).findFirst();
    }

    /**
     * The installed backends that keep their location in DATABASE_URL, in order.
     *
     * @return the providers (sqlite and postgres among the built-ins)
     */
    public static List<StateStoreProvider> databaseUrlBackends() {
        return installed().stream().filter(StateStoreProvider::takesDatabaseUrl).toList();
    }

    private static List<StateStoreProvider> load(ClassLoader loader) {
        List<StateStoreProvider> providers = new ArrayList<>();
        for (StateStoreProvider provider : ServiceLoader.load(StateStoreProvider.class, loader)) {
            providers.add(provider);
        }
        providers.sort(ORDER);
        List<StateStoreProvider> unique = new ArrayList<>();
        for (StateStoreProvider provider : providers) {
            if (unique.stream().noneMatch(p -> p.name().equals(provider.name()))) {
                unique.add(provider);
            }
        }
        return List.copyOf(unique);
    }

    private record Found(ClassLoader loader, List<StateStoreProvider> providers) {
    }
}
