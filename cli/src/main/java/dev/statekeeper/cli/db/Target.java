package dev.statekeeper.cli.db;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Another store named on the command line ({@code --to}): {@code sqlite:/path/state.db}, {@code json:/dir},
 * {@code postgresql://user:pass@host:port/db} (or {@code postgres://}) or {@code memory:}; paths are made absolute.
 * It becomes the current settings with the backend and its location laid over them as flags, so pool sizes and
 * timeouts carry over.
 */
record Target(String backend, Map<Setting, String> values) {
    static final String FORMS = "sqlite:/path/state.db, json:/dir, postgresql://user:pass@host:port/db or memory:";

    /** The target a text names, or empty when it names none. */
    static Optional<Target> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Map<Setting, String> values = new LinkedHashMap<>();
        String backend;
        if (text.equals("memory:") || text.equals("memory")) {
            backend = "memory";
        } else if (text.startsWith("sqlite:") && text.length() > "sqlite:".length()) {
            backend = "sqlite";
            values.put(Setting.DATABASE_URL, "sqlite:" + absolute(text.substring("sqlite:".length())));
        } else if (text.startsWith("json:") && text.length() > "json:".length()) {
            backend = "json";
            values.put(Setting.DATA_DIR, absolute(text.substring("json:".length())));
        } else if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
            backend = "postgres";
            values.put(Setting.DATABASE_URL, text);
        } else {
            return Optional.empty();
        }
        return Optional.of(new Target(backend, values));
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

    private static String absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize().toString();
    }
}
