package dev.statekeeper.cli.config;

import dev.statekeeper.cli.support.GroupCommand;
import picocli.CommandLine.Command;

/** {@code statekeeper config}: the settings and the config file. */
@Command(name = "config", description = {
    "Show every setting with its value and where it came from, and change the config file.",
    "The config file ('statekeeper config path' says where) is TOML with the settings' variable names as "
            + "keys, e.g. STATEKEEPER_BACKEND = \"postgres\". Flags override the environment, which overrides the "
            + "file, which overrides the defaults."},
        subcommands = {ConfigList.class, ConfigGet.class, ConfigSet.class, ConfigUnset.class, ConfigPath.class})
public final class ConfigCommand extends GroupCommand {
}
