package dev.statekeeper.core.config;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.domain.LoopPolicy;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated settings of one store: every {@link Setting} with its value and where the value came
 * from. Built once at start; a bad value is refused with CONFIG_INVALID naming variable, value, range and
 * where the value came from (a flag, the environment, or the config file and line). Immutable.
 *
 * <p>Precedence, lowest first: defaults, the config file ({@link ConfigFile}), the environment, flags.
 * {@link #load} reads all of them as the CLI does; {@link #fromEnvironment} reads the environment only. An
 * embedder sets values in their own types, over any of these, and they are checked as the same text would be:
 * <pre>{@code
 * Settings settings = Settings.builder()
 *         .backend("postgres")
 *         .databaseUrl("postgresql://app@db.internal:5432/agents")
 *         .poolMaxSize(10)
 *         .poolTimeout(Duration.ofSeconds(5))
 *         .set(Setting.LOOP_HISTORY_SIZE, 50)
 *         .build();
 * }</pre>
 * Each value is read into its typed form once, when built: {@link #integer}, {@link #seconds}, {@link #flag} and
 * {@link #dataDir} return it.
 *
 * <p>Settings are immutable and thread-safe; a {@link Builder} is not.
 */
public final class Settings {
    /** Where a value came from, lowest precedence first. */
    public enum Source {
        /** The setting's default. */
        DEFAULT,
        /** The config file, or a value an embedder gave as one ({@link Builder#file}). */
        FILE,
        /** The environment. */
        ENVIRONMENT,
        /** A CLI flag, or an embedder's explicit value ({@link Builder#set(Setting, String)} and the typed setters). */
        FLAG
    }

    /**
     * A setting's value as given, and where it came from.
     *
     * @param value  the text, or null when the setting has none (no default, none given)
     * @param source the layer it came from
     */
    public record Value(String value, Source source) {
    }

    private static final String DEFAULT_ORIGIN = "default";
    /** The STATE_MANAGER value that leaves the choice of backend to DATABASE_URL. */
    static final String STATE_MANAGER_DATABASE = "database";

    private final Map<Setting, Value> values;
    /** Each value that is in range, in its {@link Setting.Kind}'s typed form: read once, when built. */
    private final Map<Setting, Object> typed;
    private final Map<Setting, String> origins;
    private final Map<String, String> environment;
    private final Map<Setting, Violation> invalid;
    private final StatekeeperException fileProblem;

    private Settings(Map<Setting, Value> values, Map<Setting, Object> typed, Map<Setting, String> origins,
                     Map<String, String> environment, Map<Setting, Violation> invalid, StatekeeperException fileProblem) {
        this.values = Map.copyOf(values);
        this.typed = Map.copyOf(typed);
        this.origins = Map.copyOf(origins);
        this.environment = Map.copyOf(environment);
        this.invalid = new EnumMap<>(Setting.class);
        this.invalid.putAll(invalid);
        this.fileProblem = fileProblem;
    }

    /**
     * Defaults only: what tests and embedders start from. The data directory is then under the JVM's
     * {@code user.home}; no environment variable is read.
     *
     * @return the settings
     */
    public static Settings defaults() {
        return builder().build();
    }

    /**
     * Settings from the process environment only: the config file is not read, so an embedding application
     * is not changed by a file in its user's home. Use {@code load(System.getenv()).build()} for the CLI's
     * precedence (environment over config file).
     *
     * @return the settings
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#CONFIG_INVALID} listing every variable out of its range and
     *         every broken rule between settings
     */
    public static Settings fromEnvironment() {
        return builder().environment(System.getenv()).build();
    }

    /**
     * The CLI's settings before its flags: the config file that {@code env} locates ({@link ConfigFile#load})
     * laid under the environment's variables. Lay flags over them with {@link Builder#flag} and call
     * {@link Builder#build()}, which refuses (CONFIG_INVALID) a file that cannot be read, is not TOML, has unknown
     * keys or is named by STATEKEEPER_CONFIG and missing, and bad values; {@link Builder#inspect()} shows them.
     *
     * @param env the environment: {@code System.getenv()}
     * @return a builder holding the file's and the environment's values
     */
    public static Builder load(Map<String, String> env) {
        return builder().configFile(ConfigFile.load(env)).environment(env);
    }

    /**
     * A builder with no value given: every setting at its default until one is.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding every value given to these settings (with its layer and origin), the environment they
     * read and their config file's problem: to change some values and build again.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.environment.putAll(environment);
        b.fileProblem = fileProblem;
        values.forEach((s, v) -> {
            if (v.source() != Source.DEFAULT) {
                b.put(v.source(), s, v.value(), origins.get(s));
            }
        });
        return b;
    }

    /**
     * The setting's value and where it came from.
     *
     * @param setting the setting
     * @return its value as given (null text when it has none)
     */
    public Value value(Setting setting) {
        return values.getOrDefault(setting, new Value(null, Source.DEFAULT));
    }

    /**
     * Where the value came from, as error messages say it: "default", "from the environment", "from --backend",
     * "from /home/me/.config/statekeeper/config.toml line 3" or "set explicitly".
     *
     * @param setting the setting
     * @return the origin
     */
    public String origin(Setting setting) {
        return origins.getOrDefault(setting, DEFAULT_ORIGIN);
    }

    /**
     * The setting's value as text, as given.
     *
     * @param setting the setting
     * @return the text, or null when it has none
     */
    public String raw(Setting setting) {
        return value(setting).value();
    }

    /**
     * Everything wrong with these settings, as messages say it: the config file's problem, then each value out of
     * its range and each broken rule between settings.
     *
     * @return the problems; none on settings that {@link Builder#build()} returned
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (fileProblem != null) {
            problems.add(fileProblem.getMessage());
        }
        violations().forEach(v -> problems.add(v.toString()));
        return problems;
    }

    /**
     * What is wrong with the config file as a whole (see {@link ConfigFile#problem()}).
     *
     * @return the file's problem, a {@link dev.statekeeper.core.error.ErrorCode#CONFIG_INVALID} failure, or empty
     */
    public Optional<StatekeeperException> fileProblem() {
        return Optional.ofNullable(fileProblem);
    }

    /**
     * The first rule the setting's value breaks: its range, or a rule between settings said of it.
     *
     * @param setting the setting
     * @return the violation, or empty
     */
    public Optional<Violation> problem(Setting setting) {
        return violations().stream().filter(v -> v.field().equals(setting.variable())).findFirst();
    }

    /**
     * Every rule the setting's value breaks: its range, and each rule between settings that it takes part in, said
     * of it ("DATABASE_POOL_MIN_SIZE = '50': must be at most DATABASE_POOL_MAX_SIZE, which is 20 by default").
     * What {@code config set} checks before it writes.
     *
     * @param setting the setting
     * @return the violations, none when the value is fine
     */
    public List<Violation> problemsWith(Setting setting) {
        List<Violation> problems = new ArrayList<>();
        if (invalid.containsKey(setting)) {
            problems.add(invalid.get(setting));
        }
        SettingRules.broken(this, setting).stream().filter(b -> b.settings().contains(setting))
                .forEach(b -> problems.add(b.violation()));
        return problems;
    }

    /** Whether the value is within its own range (rules between settings aside). */
    boolean inRange(Setting setting) {
        return !invalid.containsKey(setting);
    }

    private List<Violation> violations() {
        List<Violation> violations = new ArrayList<>(invalid.values());
        SettingRules.broken(this, null).forEach(b -> violations.add(b.violation()));
        return violations;
    }

    /**
     * The effective backend: STATEKEEPER_BACKEND, else STATE_MANAGER (which names the backend, or is database: the
     * installed backend that claims DATABASE_URL), else the default.
     *
     * @return the backend's name, in lower case: {@code sqlite} by default
     */
    public String backend() {
        Value explicit = value(Setting.BACKEND);
        if (explicit.source() == Source.DEFAULT) {
            String manager = raw(Setting.STATE_MANAGER);
            if (STATE_MANAGER_DATABASE.equalsIgnoreCase(manager)) {
                Optional<StateStoreProvider> named = Backends.claimingDatabaseUrl(raw(Setting.DATABASE_URL));
                if (named.isPresent()) {
                    return named.get().name();
                }
            } else if (manager != null
                    && Setting.STATE_MANAGER.kind() instanceof Setting.Kind.Choice choice
                    && choice.values().contains(manager.toLowerCase(Locale.ROOT))) {
                return manager.toLowerCase(Locale.ROOT); // memory: STATE_MANAGER names the backend
            }
        }
        return explicit.value().trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Where the sqlite and json files and the backups live: STATEKEEPER_DATA_DIR, else
     * {@code $XDG_STATE_HOME/statekeeper}, else {@code ~/.local/state/statekeeper} (HOME, else the JVM's
     * {@code user.home}).
     *
     * @return the directory, which need not exist
     */
    public Path dataDir() {
        Path dir = (Path) typed.get(Setting.DATA_DIR);
        if (dir != null) {
            return dir;
        }
        String xdg = environment.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "statekeeper");
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "state", "statekeeper");
    }

    /**
     * The SQLite file: DATABASE_URL when it is sqlite:PATH, else state.db in the data directory. A data
     * directory given with a higher precedence than the URL (a flag over an environment URL) wins.
     *
     * @return the file, which need not exist
     */
    public Path sqlitePath() {
        String url = raw(Setting.DATABASE_URL);
        boolean dirWins = value(Setting.DATA_DIR).value() != null
                && value(Setting.DATA_DIR).source().compareTo(value(Setting.DATABASE_URL).source()) > 0;
        if (url != null && url.startsWith("sqlite:") && !dirWins) {
            return Path.of(url.substring("sqlite:".length()));
        }
        return dataDir().resolve("state.db");
    }

    /**
     * The value of a whole-number setting ({@link Setting.Kind.IntRange}).
     *
     * @param setting the setting
     * @return its value
     * @throws IllegalArgumentException for a setting of another kind
     * @throws IllegalStateException    for one with no value in range (possible only on {@link Builder#inspect()}'s)
     */
    public int integer(Setting setting) {
        return typed(setting, Integer.class);
    }

    /**
     * The value of a setting in seconds ({@link Setting.Kind.Seconds}), to the millisecond.
     *
     * @param setting the setting
     * @return its value
     * @throws IllegalArgumentException for a setting of another kind
     * @throws IllegalStateException    for one with no value in range (possible only on {@link Builder#inspect()}'s)
     */
    public Duration seconds(Setting setting) {
        return typed(setting, Duration.class);
    }

    /**
     * The value of a true/false setting ({@link Setting.Kind.Bool}).
     *
     * @param setting the setting
     * @return its value
     * @throws IllegalArgumentException for a setting of another kind
     * @throws IllegalStateException    for one with no value in range (possible only on {@link Builder#inspect()}'s)
     */
    public boolean flag(Setting setting) {
        return typed(setting, Boolean.class);
    }

    /**
     * The typed value; IllegalArgumentException for a setting of another kind, IllegalStateException for one
     * with no value in range (settings that {@link Builder#inspect()} returned may have those).
     */
    private <T> T typed(Setting setting, Class<T> type) {
        if (setting.kind().type() != type) {
            throw new IllegalArgumentException(setting.variable() + " is read as " + setting.kind().type().getSimpleName()
                    + " (" + setting.range() + "), not as " + type.getSimpleName());
        }
        Object value = typed.get(setting);
        if (value == null) {
            throw new IllegalStateException(setting.variable() + " has no valid value: " + problemsWith(setting));
        }
        return type.cast(value);
    }

    /**
     * STATEKEEPER_LOOP_HISTORY_SIZE.
     *
     * @return how many recently created loops the active-loop history keeps
     */
    public int loopHistorySize() {
        return integer(Setting.LOOP_HISTORY_SIZE);
    }

    /**
     * The loop policy of the STATEKEEPER_THRESHOLD_*, STATEKEEPER_CHECKPOINT_EVERY and STATEKEEPER_MIN_IMPROVEMENT
     * settings.
     *
     * @return the policy
     */
    public LoopPolicy loopPolicy() {
        Map<LoopType, Integer> thresholds = new EnumMap<>(LoopType.class);
        thresholds.put(LoopType.PLAN, integer(Setting.THRESHOLD_PLAN));
        thresholds.put(LoopType.ROADMAP, integer(Setting.THRESHOLD_ROADMAP));
        thresholds.put(LoopType.SPEC, integer(Setting.THRESHOLD_SPEC));
        thresholds.put(LoopType.BUILD_PLAN, integer(Setting.THRESHOLD_BUILD_PLAN));
        thresholds.put(LoopType.BUILD_CODE, integer(Setting.THRESHOLD_BUILD_CODE));
        thresholds.put(LoopType.ANALYST, integer(Setting.THRESHOLD_ANALYST));
        return new LoopPolicy(thresholds, integer(Setting.CHECKPOINT_EVERY), integer(Setting.MIN_IMPROVEMENT));
    }

    /**
     * Collects values by layer; {@link #build()} validates all of them at once. Setting a value twice in one layer
     * keeps the second; a higher layer wins over a lower one whatever the order of the calls. Not thread-safe.
     */
    public static final class Builder {
        private final Map<Source, Map<Setting, Layered>> layers = new EnumMap<>(Source.class);
        private final Map<String, String> environment = new HashMap<>();
        private StatekeeperException fileProblem;

        private Builder() {
            for (Source s : Source.values()) {
                layers.put(s, new EnumMap<>(Setting.class));
            }
        }

        /**
         * Reads every setting's variable from an environment map (an empty value counts as unset); also keeps
         * HOME, XDG_STATE_HOME and XDG_CONFIG_HOME ({@link Settings#dataDir()} is found with the first two).
         *
         * @param env the environment: {@code System.getenv()}
         * @return this builder
         */
        public Builder environment(Map<String, String> env) {
            for (String key : List.of("HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME")) {
                if (env.get(key) != null) {
                    environment.put(key, env.get(key));
                }
            }
            for (Setting s : Setting.values()) {
                String v = env.get(s.variable());
                if (v != null && !v.isEmpty()) {
                    put(Source.ENVIRONMENT, s, v, "from the environment");
                }
            }
            return this;
        }

        /**
         * A config-file value with no file behind it (an embedder's own file format).
         *
         * @param setting the setting
         * @param value   its value as text; null takes the file's value away
         * @return this builder
         */
        public Builder file(Setting setting, String value) {
            return file(setting, value, "from the config file");
        }

        /**
         * A config-file value said to come from {@code origin} ("not written to FILE": one {@code config set} is
         * about to write).
         *
         * @param setting the setting
         * @param value   its value as text; null takes the file's value away
         * @param origin  where it came from, as errors say it
         * @return this builder
         */
        public Builder file(Setting setting, String value, String origin) {
            return put(Source.FILE, setting, value, origin);
        }

        /**
         * Every setting of the config file, each remembered with its file and line for error messages; the file's
         * {@link ConfigFile#problem() problem}, if it has one, is refused by {@link #build()}.
         *
         * @param file the config file
         * @return this builder
         */
        public Builder configFile(ConfigFile file) {
            for (ConfigFile.Entry e : file.entries()) {
                put(Source.FILE, e.setting(), e.value(), e.origin());
            }
            fileProblem = file.problem().orElse(null);
            return this;
        }

        /**
         * A value that overrides every other layer (an embedder's explicit choice), as the environment would
         * give it.
         *
         * @param setting the setting
         * @param value   its value as text; null takes it away
         * @return this builder
         */
        public Builder set(Setting setting, String value) {
            return put(Source.FLAG, setting, value, "set explicitly");
        }

        /**
         * A whole-number setting's value ({@link Setting.Kind.IntRange}), over every other layer.
         *
         * @param setting the setting
         * @param value   its value, checked by {@link #build()}
         * @return this builder
         * @throws IllegalArgumentException for a setting of another kind
         */
        public Builder set(Setting setting, int value) {
            return typed(setting, Integer.class, String.valueOf(value));
        }

        /**
         * A setting in seconds ({@link Setting.Kind.Seconds}), over every other layer; it is read back to the
         * millisecond.
         *
         * @param setting the setting
         * @param value   its value, checked by {@link #build()}; null takes it away
         * @return this builder
         * @throws IllegalArgumentException for a setting of another kind
         */
        public Builder set(Setting setting, Duration value) {
            return typed(setting, Duration.class, value == null ? null : seconds(value));
        }

        /**
         * A true/false setting's value ({@link Setting.Kind.Bool}), over every other layer.
         *
         * @param setting the setting
         * @param value   its value
         * @return this builder
         * @throws IllegalArgumentException for a setting of another kind
         */
        public Builder set(Setting setting, boolean value) {
            return typed(setting, Boolean.class, String.valueOf(value));
        }

        /**
         * A directory setting's value ({@link Setting.Kind.Directory}), over every other layer.
         *
         * @param setting the setting
         * @param value   its value; null takes it away
         * @return this builder
         * @throws IllegalArgumentException for a setting of another kind
         */
        public Builder set(Setting setting, Path value) {
            return typed(setting, Path.class, value == null ? null : value.toString());
        }

        /**
         * STATEKEEPER_BACKEND, over every other layer.
         *
         * @param backend the name of an installed backend (memory, json, sqlite, postgres, or one plugged in),
         *                checked by {@link #build()}
         * @return this builder
         */
        public Builder backend(String backend) {
            return set(Setting.BACKEND, backend);
        }

        /**
         * DATABASE_URL, over every other layer.
         *
         * @param url {@code postgresql://user:pass@host:port/db?...} or {@code sqlite:/path/state.db}
         * @return this builder
         */
        public Builder databaseUrl(String url) {
            return set(Setting.DATABASE_URL, url);
        }

        /**
         * STATEKEEPER_DATA_DIR, over every other layer.
         *
         * @param dir where the sqlite and json files and the backups live
         * @return this builder
         */
        public Builder dataDir(Path dir) {
            return set(Setting.DATA_DIR, dir);
        }

        /**
         * DATABASE_POOL_MIN_SIZE, over every other layer.
         *
         * @param connections the connections the pool keeps open, 1-50
         * @return this builder
         */
        public Builder poolMinSize(int connections) {
            return set(Setting.POOL_MIN_SIZE, connections);
        }

        /**
         * DATABASE_POOL_MAX_SIZE, over every other layer.
         *
         * @param connections the most connections the pool opens, 1-100 and at least the minimum
         * @return this builder
         */
        public Builder poolMaxSize(int connections) {
            return set(Setting.POOL_MAX_SIZE, connections);
        }

        /**
         * DATABASE_POOL_TIMEOUT, over every other layer.
         *
         * @param timeout how long a caller waits for a pooled connection, 1-120 s
         * @return this builder
         */
        public Builder poolTimeout(Duration timeout) {
            return set(Setting.POOL_TIMEOUT, timeout);
        }

        /**
         * DATABASE_COMMAND_TIMEOUT, over every other layer.
         *
         * @param timeout the statement timeout, 1-300 s
         * @return this builder
         */
        public Builder commandTimeout(Duration timeout) {
            return set(Setting.COMMAND_TIMEOUT, timeout);
        }

        /**
         * STATEKEEPER_AUTO_MIGRATE, over every other layer.
         *
         * @param migrate whether opening a store applies pending schema migrations (else it refuses a store that is
         *                behind)
         * @return this builder
         */
        public Builder autoMigrate(boolean migrate) {
            return set(Setting.AUTO_MIGRATE, migrate);
        }

        /**
         * STATEKEEPER_LOOP_HISTORY_SIZE, over every other layer.
         *
         * @param loops how many recently created loops the active-loop history keeps, 1-10,000
         * @return this builder
         */
        public Builder loopHistorySize(int loops) {
            return set(Setting.LOOP_HISTORY_SIZE, loops);
        }

        /**
         * A typed value as the text the environment would give, so that {@link #build()} checks it alike and an
         * error quotes it ("DATABASE_POOL_MAX_SIZE = '500': must be between 1 and 100 (set explicitly)").
         */
        private Builder typed(Setting setting, Class<?> type, String text) {
            Objects.requireNonNull(setting, "setting");
            if (setting.kind().type() != type) {
                throw new IllegalArgumentException(setting.variable() + " takes " + setting.kind().type().getSimpleName()
                        + " (" + setting.range() + "), not " + type.getSimpleName());
            }
            return set(setting, text);
        }

        /** A duration in seconds as text: 30, 0.25, 0.000001. */
        private static String seconds(Duration value) {
            return BigDecimal.valueOf(value.getSeconds()).add(BigDecimal.valueOf(value.getNano(), 9))
                    .stripTrailingZeros().toPlainString();
        }

        /**
         * A CLI flag's value, named in errors: "from --backend".
         *
         * @param setting the setting
         * @param flag    the flag as given: {@code --backend}
         * @param value   its value, or null when the flag was not given
         * @return this builder
         */
        public Builder flag(Setting setting, String flag, String value) {
            return put(Source.FLAG, setting, value, "from " + flag);
        }

        private Builder put(Source source, Setting setting, String value, String origin) {
            Objects.requireNonNull(setting, "setting");
            if (value == null) {
                layers.get(source).remove(setting);
            } else {
                layers.get(source).put(setting, new Layered(value, origin));
            }
            return this;
        }

        /**
         * The settings, validated: CONFIG_INVALID for the config file's {@link ConfigFile#problem() problem}, else
         * listing every value out of its range and every broken rule between settings, each naming where its value
         * came from.
         *
         * @return the settings, every value in range
         * @throws dev.statekeeper.core.error.StatekeeperException
         *         {@link dev.statekeeper.core.error.ErrorCode#CONFIG_INVALID} as above
         */
        public Settings build() {
            Settings settings = inspect();
            if (settings.fileProblem != null) {
                throw settings.fileProblem;
            }
            List<Violation> violations = settings.violations();
            if (!violations.isEmpty()) {
                throw StatekeeperException.invalid(ErrorCode.CONFIG_INVALID, "settings", violations);
            }
            return settings;
        }

        /**
         * The settings as they are, bad values and all, with their {@link Settings#problems()}: for the {@code config}
         * commands, which show what is wrong so that it can be corrected. Never open a store with them.
         *
         * @return the settings, unchecked
         */
        public Settings inspect() {
            Map<Setting, Value> resolved = new EnumMap<>(Setting.class);
            Map<Setting, Object> typed = new EnumMap<>(Setting.class);
            Map<Setting, String> origins = new EnumMap<>(Setting.class);
            Map<Setting, Violation> invalid = new EnumMap<>(Setting.class);
            for (Setting s : Setting.values()) {
                Value chosen = new Value(s.defaultValue(), Source.DEFAULT);
                String origin = DEFAULT_ORIGIN;
                for (Source source : List.of(Source.FILE, Source.ENVIRONMENT, Source.FLAG)) {
                    Layered v = layers.get(source).get(s);
                    if (v != null) {
                        chosen = new Value(v.value(), source);
                        origin = v.origin();
                    }
                }
                if (chosen.value() != null) {
                    // a default is not checked: the default backend need not be installed (core alone has memory)
                    Violation v = chosen.source() == Source.DEFAULT ? null : s.check(chosen.value(), origin);
                    if (v != null) {
                        invalid.put(s, v);
                    } else {
                        typed.put(s, s.kind().parse(chosen.value()));
                    }
                    resolved.put(s, chosen);
                    if (chosen.source() != Source.DEFAULT) {
                        origins.put(s, origin);
                    }
                }
            }
            return new Settings(resolved, typed, origins, environment, invalid, fileProblem);
        }

        private record Layered(String value, String origin) {
        }
    }
}
