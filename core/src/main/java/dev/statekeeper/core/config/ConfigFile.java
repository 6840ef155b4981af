package dev.statekeeper.core.config;

import dev.statekeeper.core.internal.config.SettingNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.AtomicFiles;
import dev.statekeeper.core.internal.io.IoErrors;
import dev.statekeeper.core.internal.io.OwnerOnly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The config file: {@code $STATEKEEPER_CONFIG}, else {@code $XDG_CONFIG_HOME/statekeeper/config.toml}, else
 * {@code ~/.config/statekeeper/config.toml}. It is TOML whose keys are the settings' variable names, the same
 * names as in the environment ({@code STATEKEEPER_BACKEND = "postgres"}); numbers and true/false may be
 * written bare. A missing file at the default place is an empty one; a file STATEKEEPER_CONFIG names must exist.
 * Immutable: {@link #with} and {@link #without} return the edited file, {@link #write} replaces it on disk
 * atomically. The CLI's {@code config} commands use it; an embedder need not ({@link Settings#fromEnvironment}
 * and {@link Settings#builder} read no file).
 */
public final class ConfigFile {
    /** The environment variable that names the config file, overriding the XDG location. */
    public static final String VARIABLE = "STATEKEEPER_CONFIG";
    /** The mode of a new config file without a secret in it. */
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path path;
    private final String text;
    private final boolean exists;
    private final boolean named;
    private final ObjectNode tree;
    /** Why the file cannot be read or parsed (then nothing is read from it or written to it), or null. */
    private final StatekeeperException unusable;

    private ConfigFile(Path path, String text, boolean exists, boolean named, StatekeeperException unreadable) {
        this.path = path;
        this.text = text;
        this.exists = exists;
        this.named = named;
        ObjectNode parsed = JsonNodeFactory.instance.objectNode();
        StatekeeperException problem = unreadable;
        if (problem == null && !text.isBlank()) {
            try {
                parsed = TomlText.parse(text, path);
            } catch (StatekeeperException e) {
                problem = e;
            }
        }
        this.tree = parsed;
        this.unusable = problem;
    }

    /**
     * Where the config file of this environment is (it need not exist).
     *
     * @param env the environment: {@code System.getenv()}
     * @return STATEKEEPER_CONFIG, else under an absolute XDG_CONFIG_HOME, else under HOME (or {@code user.home})
     */
    public static Path locate(Map<String, String> env) {
        String explicit = env.get(VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "statekeeper", "config.toml");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".config", "statekeeper", "config.toml");
    }

    /**
     * The config file of this environment, as far as it can be read: a file that cannot be read or is not TOML,
     * one with keys no setting has, and one that STATEKEEPER_CONFIG names but that does not exist are returned
     * with their {@link #problem()}, for the {@code config} commands to show and {@link Settings.Builder#build()}
     * to refuse.
     *
     * @param env the environment: {@code System.getenv()}
     * @return the file; one that cannot be used carries its {@link #problem()}
     */
    public static ConfigFile load(Map<String, String> env) {
        String explicit = env.get(VARIABLE);
        return read(locate(env), explicit != null && !explicit.isBlank());
    }

    /**
     * Reads the file; a missing one is empty.
     *
     * @param path the file
     * @return the file
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#CONFIG_INVALID} when it cannot be read or is not TOML (naming
     *         the file and line)
     */
    public static ConfigFile read(Path path) {
        ConfigFile file = read(path, false);
        if (file.unusable != null) {
            throw file.unusable;
        }
        return file;
    }

    private static ConfigFile read(Path path, boolean named) {
        try {
            return new ConfigFile(path, Files.readString(path), true, named, null);
        } catch (NoSuchFileException e) {
            return new ConfigFile(path, "", false, named, null);
        } catch (IOException e) {
            return new ConfigFile(path, "", true, named, unreadable(path, named, e));
        }
    }

    /**
     * Where the file is.
     *
     * @return its path
     */
    public Path path() {
        return path;
    }

    /**
     * Whether the file existed when it was read (or has been written since).
     *
     * @return true when it is on disk
     */
    public boolean exists() {
        return exists;
    }

    /**
     * Whether the file assigns the key (known setting or not).
     *
     * @param key a top-level key
     * @return true when it does
     */
    public boolean contains(String key) {
        return tree.has(key);
    }

    /**
     * Whether the file holds a password or token (then it is written with mode 0600).
     *
     * @return true when it sets a {@link Setting#secret() secret} setting
     */
    public boolean holdsSecret() {
        List<String> keys = new ArrayList<>();
        tree.fieldNames().forEachRemaining(keys::add);
        return keys.stream().map(SettingNames::find).flatMap(Optional::stream).anyMatch(Setting::secret);
    }

    /**
     * What is wrong with the file as a whole (CONFIG_INVALID), or empty: it cannot be read or is not TOML;
     * STATEKEEPER_CONFIG names it and it does not exist; or it has keys no setting has (each with its line and
     * the setting it most likely meant) or values that are arrays or tables.
     *
     * @return the problem, a {@link dev.statekeeper.core.error.ErrorCode#CONFIG_INVALID} failure naming the file, or
     *         empty
     */
    public Optional<StatekeeperException> problem() {
        if (unusable != null) {
            return Optional.of(unusable);
        }
        if (named && !exists) {
            return Optional.of(invalid(VARIABLE + " names the config file " + path + ", which does not exist: create it "
                    + "('statekeeper config set KEY VALUE' does) or unset " + VARIABLE));
        }
        List<String> problems = new ArrayList<>();
        tree.properties().forEach(e -> {
            String key = e.getKey();
            String at = at(key);
            if (SettingNames.find(key).isEmpty()) {
                problems.add("unknown setting '" + key + "' (" + at + SettingNames.hint(key) + ")");
            } else if (TomlValues.text(e.getValue()) == null) {
                problems.add(key + " is " + TomlValues.shape(e.getValue()) + " (" + at + "), not a single value");
            }
        });
        return problems.isEmpty() ? Optional.empty()
                : Optional.of(invalid("config file " + path + ": " + String.join("; ", problems)));
    }

    /** The file's settings, each with the line that sets it; keys that are no setting's (see {@link #problem()}) are left out. */
    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        tree.properties().forEach(e -> {
            Optional<Setting> setting = SettingNames.find(e.getKey());
            String value = TomlValues.text(e.getValue());
            if (setting.isPresent() && value != null) {
                int line = TomlText.lineOf(text, e.getKey());
                entries.add(new Entry(setting.get(), value, "from " + path + (line > 0 ? " line " + line : "")));
            }
        });
        return entries;
    }

    /**
     * The file with the setting set to {@code value}; CONFIG_INVALID (and nothing changed) when the value is
     * out of the setting's range or the file cannot be read. Other keys, comments and order are kept.
     *
     * @param setting the setting
     * @param value   its value as text
     * @return the edited file, not yet written
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#CONFIG_INVALID} as above
     */
    public ConfigFile with(Setting setting, String value) {
        usable();
        var violation = setting.check(value, "not written to " + path);
        if (violation != null) {
            throw StatekeeperException.invalid(ErrorCode.CONFIG_INVALID, "setting", List.of(violation));
        }
        JsonNode node = TomlValues.node(setting, value);
        return new ConfigFile(path, TomlText.edit(text, tree, setting.variable(), node, path), exists, named, null);
    }

    /**
     * The file without the key (which may be one no setting has, to remove a typo).
     *
     * @param key a top-level key
     * @return the edited file, not yet written; this file when it has no such key
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#CONFIG_INVALID} when the file cannot be read or parsed
     */
    public ConfigFile without(String key) {
        usable();
        return contains(key) ? new ConfigFile(path, TomlText.edit(text, tree, key, null, path), exists, named, null) : this;
    }

    /**
     * Replaces the file on disk atomically (mode 0600 when it holds a secret), creating it and, at the default
     * place, its directory; a file STATEKEEPER_CONFIG names is created only in a directory that exists.
     *
     * @return the file as written
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#CONFIG_INVALID} when the file cannot be read or parsed, or
     *         its directory is missing; when it cannot be written,
     *         {@link dev.statekeeper.core.error.ErrorCode#CONFIG_INVALID} or the code of the I/O failure
     *         ({@link dev.statekeeper.core.error.ErrorCode#READ_ONLY},
     *         {@link dev.statekeeper.core.error.ErrorCode#DISK_FULL})
     */
    public ConfigFile write() {
        usable();
        Path dir = path.toAbsolutePath().getParent();
        if (named && !exists && !Files.isDirectory(dir)) {
            throw invalid(VARIABLE + " names the config file " + path + ", but its directory " + dir + " does not "
                    + "exist: create the directory, or correct " + VARIABLE);
        }
        try {
            AtomicFiles replacement = AtomicFiles.replace(path).followingLink().creatingDirectories();
            if (holdsSecret()) {
                replacement.mode(OwnerOnly.FILE);
            } else {
                replacement.keepingMode(READABLE);
            }
            replacement.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StatekeeperException(IoErrors.code(IoErrors.Access.WRITE, e, ErrorCode.CONFIG_INVALID),
                    "cannot write config file " + path + ": " + IoErrors.reason(e) + "; the file is unchanged", List.of(),
                    Map.of("file", path.toString()), e);
        }
        return new ConfigFile(path, text, true, named, null);
    }

    /**
     * The file's text as it is (or will be) on disk.
     *
     * @return the TOML text
     */
    public String text() {
        return text;
    }

    private void usable() {
        if (unusable != null) {
            throw unusable;
        }
    }

    private String at(String key) {
        int line = TomlText.lineOf(text, key);
        return line > 0 ? "line " + line : "in a table";
    }

    private StatekeeperException invalid(String message) {
        return new StatekeeperException(ErrorCode.CONFIG_INVALID, message, List.of(), Map.of("file", path.toString()),
                null);
    }

    private static StatekeeperException unreadable(Path path, boolean named, IOException e) {
        return new StatekeeperException(IoErrors.code(IoErrors.Access.READ, e, ErrorCode.CONFIG_INVALID),
                "cannot read config file " + path + (named ? " (named by " + VARIABLE + ")" : "") + ": "
                        + IoErrors.reason(e), List.of(), Map.of("file", path.toString()), e);
    }

    /** One setting of the file, with where it came from: "from /path/config.toml line 3". */
    record Entry(Setting setting, String value, String origin) {
    }
}
