package dev.statekeeper.cli.support;

import dev.statekeeper.core.config.Settings;

/** What every command gets from the root command: the terminal and the global options. */
public interface Globals {
    Terminal terminal();

    /** Whether results (and errors) are printed as JSON. */
    boolean json();

    /** Whether errors are printed with their stack trace. */
    boolean debug();

    /** The environment's settings with the global flags laid over them; refused with CONFIG_INVALID. */
    Settings settings();
}
