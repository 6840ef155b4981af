package dev.statekeeper.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The config file: {@code $STATEKEEPER_CONFIG}, else {@code $XDG_CONFIG_HOME/statekeeper/config.toml}, else
 * {@code ~/.config/statekeeper/config.toml}. It is TOML whose keys are the settings' variable names, the same
 * names as in the environment ({@code STATEKEEPER_BACKEND = "postgres"}); numbers and true/false may be
 * written bare. A missing file is an empty one. Immutable: {@link #with} and {@link #without} return the
 * edited file, {@link #write} replaces it on disk atomically.
 */
public final class ConfigFile {
    /** The environment variable that names the config file, overriding the XDG location. */
    public static final String VARIABLE = "STATEKEEPER_CONFIG";

    private final Path path;
    private final String text;
    private final boolean exists;
    private final ObjectNode tree;

    private ConfigFile(Path path, String text, boolean exists) {
        this.path = path;
        this.text = text;
        this.exists = exists;
        this.tree = text.isBlank() ? JsonNodeFactory.instance.objectNode() : TomlText.parse(text, path);
    }

    /** Where the config file of this environment is (it need not exist). */
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

    /** Reads the file; CONFIG_INVALID when it cannot be read or is not TOML (naming the file and line). */
    public static ConfigFile read(Path path) {
        try {
            return new ConfigFile(path, Files.readString(path), true);
        } catch (NoSuchFileException e) {
            return new ConfigFile(path, "", false);
        } catch (CharacterCodingException e) {
            throw unreadable(path, "it is not UTF-8 text", e);
        } catch (IOException e) {
            throw unreadable(path, AtomicFile.reason(e), e);
        }
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return exists;
    }

    /** Whether the file assigns the key (known setting or not). */
    public boolean contains(String key) {
        return tree.has(key);
    }

    /** Whether the file holds a password or token (then it is written with mode 0600). */
    public boolean holdsSecret() {
        List<String> keys = new ArrayList<>();
        tree.fieldNames().forEachRemaining(keys::add);
        return keys.stream().map(SettingNames::find).flatMap(Optional::stream).anyMatch(Setting::secret);
    }

    /**
     * The file's settings, each with the line that sets it; CONFIG_INVALID listing every unknown key (with
     * its line and the setting it most likely meant) and every value that is an array or a table.
     */
    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        tree.properties().forEach(e -> {
            String key = e.getKey();
            int line = TomlText.lineOf(text, key);
            String at = line > 0 ? "line " + line : "in a table";
            Optional<Setting> setting = SettingNames.find(key);
            String value = TomlValues.text(e.getValue());
            if (setting.isEmpty()) {
                problems.add("unknown setting '" + key + "' (" + at + SettingNames.hint(key) + ")");
            } else if (value == null) {
                problems.add(key + " is " + TomlValues.shape(e.getValue()) + " (" + at + "), not a single value");
            } else {
                entries.add(new Entry(setting.get(), value, "from " + path + (line > 0 ? " line " + line : "")));
            }
        });
        if (!problems.isEmpty()) {
            throw new StatekeeperException(ErrorCode.CONFIG_INVALID, "config file " + path + ": "
                    + String.join("; ", problems), List.of(), Map.of("file", path.toString()), null);
        }
        return entries;
    }

    /**
     * The file with the setting set to {@code value}; CONFIG_INVALID (and nothing changed) when the value is
     * out of the setting's range. Other keys, comments and order are kept.
     */
    public ConfigFile with(Setting setting, String value) {
        var violation = setting.check(value, "not written to " + path);
        if (violation != null) {
            throw StatekeeperException.invalid(ErrorCode.CONFIG_INVALID, "setting", List.of(violation));
        }
        JsonNode node = TomlValues.node(setting, value);
        return new ConfigFile(path, TomlText.edit(text, tree, setting.variable(), node, path), exists);
    }

    /** The file without the key (which may be one no setting has, to remove a typo); this file when absent. */
    public ConfigFile without(String key) {
        return contains(key) ? new ConfigFile(path, TomlText.edit(text, tree, key, null, path), exists) : this;
    }

    /** Replaces the file on disk atomically (mode 0600 when it holds a secret), creating its directory. */
    public ConfigFile write() {
        AtomicFile.write(path, text, holdsSecret());
        return new ConfigFile(path, text, true);
    }

    /** The file's text as it is (or will be) on disk. */
    public String text() {
        return text;
    }

    private static StatekeeperException unreadable(Path path, String reason, Exception cause) {
        return new StatekeeperException(ErrorCode.CONFIG_INVALID, "cannot read config file " + path + ": " + reason,
                List.of(), Map.of("file", path.toString()), cause);
    }

    /** One setting of the file, with where it came from: "from /path/config.toml line 3". */
    record Entry(Setting setting, String value, String origin) {
    }
}
