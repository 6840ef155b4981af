package dev.statekeeper.core.internal.config;

import dev.statekeeper.core.config.Setting;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Renders the settings table from {@link Setting}, for the README and {@code --help}. */
public final class SettingsTable {
    private SettingsTable() {
    }

    /**
     * The table in Markdown: variable, default, range or values, and what it does, one row per setting.
     *
     * @return the table, ending in a newline
     */
    public static String markdown() {
        return "| variable | default | range / values | what it does |\n|---|---|---|---|\n"
                + Arrays.stream(Setting.values())
                        .map(s -> "| `" + s.variable() + "` | " + (s.defaultValue() == null ? "—" : "`" + s.defaultValue() + "`")
                                + " | " + s.range() + " | " + s.description() + " |")
                        .collect(Collectors.joining("\n"))
                + "\n";
    }
}
