package dev.statekeeper.cli.db;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Another store named on the command line ({@code --to}) by a URL that an installed backend claims
 * ({@code sqlite:/path/state.db}, {@code json:/dir}, {@code postgresql://user:pass@host:port/db} or {@code memory:});
 * a bare name stands for its scheme with nothing after it ({@code memory} for {@code memory:}). The backend turns
 * the URL into settings (paths made absolute), which become the current settings with the backend and its location
 * laid over them as flags, so pool sizes and timeouts carry over.
 */
record Target(String backend, Map<Setting, String> values) {
    /** The target a text names, or empty when it names none. */
    static Optional<Target> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String url = text.contains(":") ? text : text + ":";
        return Backends.claiming(url).filter(b -> b.urlProblem(url) == null)
                .map(b -> new Target(b.name(), new LinkedHashMap<>(b.locate(url))));
    }

    /**
     * What names a target, as help and messages say it: every installed backend's example, the default backend's
     * first and those that keep nothing last: "sqlite:/path/state.db, json:/dir, postgresql://user:pass@host:port/db
     * or memory:".
     */
    static String forms() {
        List<String> examples = Backends.installed().stream()
                .sorted(Comparator.comparing((StateStoreProvider b) -> !b.durable())
                        .thenComparing(b -> !b.name().equals(Setting.BACKEND.defaultValue())))
                .map(StateStoreProvider::example).toList();
        return orList(examples);
    }

    /** "a, b or c". */
    static String orList(List<String> items) {
        return items.size() < 2 ? String.join("", items)
                : String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.getLast();
    }

    /** "--to 'mysql://x' names no store; a target is sqlite:/path/state.db, ...". */
    static String namesNone(String text) {
        return "--to '" + text + "' names no store; a target is " + forms();
    }

    /** The settings of the target store: {@code base} with the target's backend and location from {@code flag}. */
    Settings settings(Settings base, String flag) {
        Settings.Builder b = base.toBuilder().flag(Setting.BACKEND, flag, backend);
        values.forEach((setting, value) -> b.flag(setting, flag, value));
        return b.build();
    }

    /** The settings {@code --switch} writes to the config file to make this the configured store. */
    Map<Setting, String> configuration() {
        Map<Setting, String> config = new LinkedHashMap<>();
        config.put(Setting.BACKEND, backend);
        config.putAll(values);
        return config;
    }

    /** Whether the target's records outlive the command ({@link StateStoreProvider#durable()}). */
    boolean durable() {
        return Backends.require(backend).durable();
    }
}
