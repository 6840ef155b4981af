package dev.statekeeper.cli.support;

import dev.statekeeper.core.config.Settings;

/** What every command gets from the root command: the terminal and the global options. */
public interface Globals {
    Terminal terminal();

    /** Whether results (and errors) are printed as JSON. */
    boolean json();

    /** Whether errors are printed with their stack trace. */
    boolean debug();

    /**
     * The settings: the global flags over the environment over the config file over the defaults; refused with
     * CONFIG_INVALID naming where a bad value came from.
     */
    Settings settings();

    /**
     * The same layers before they are checked, for the {@code config} commands: they show a bad value (with
     * {@link Settings.Builder#inspect()}) or check a change against the others, rather than refuse to start.
     */
    default Settings.Builder settingsBuilder() {
        return settings().toBuilder();
    }
}
