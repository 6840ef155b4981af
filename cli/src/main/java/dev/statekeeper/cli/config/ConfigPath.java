package dev.statekeeper.cli.config;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.config.ConfigFile;
import dev.statekeeper.core.error.StatekeeperException;
import picocli.CommandLine.Command;

/**
 * {@code statekeeper config path}: where the config file is, and on stderr whether it is missing or cannot be used.
 */
@Command(name = "path", description = {"Print where the config file is: $STATEKEEPER_CONFIG, else "
        + "$XDG_CONFIG_HOME/statekeeper/config.toml, else ~/.config/statekeeper/config.toml.",
    "A note on stderr says when it does not exist yet ('statekeeper config set' creates it; a file "
            + "STATEKEEPER_CONFIG names must exist for the other commands to start) or cannot be used. With --json: "
            + "path, exists and problem."})
final class ConfigPath extends ConfigAction {
    @Override
    void execute(Globals globals, Output out) {
        ConfigFile file = file(globals);
        String problem = file.problem().map(StatekeeperException::getMessage).orElse(null);
        out.emit(Output.fields("path", file.path().toString(), "exists", file.exists(), "problem", problem),
                file.path().toString());
        if (problem != null) {
            globals.terminal().err().println("note: " + problem);
        } else if (!file.exists()) {
            globals.terminal().err().println("note: the file does not exist yet; 'statekeeper config set KEY VALUE' "
                    + "creates it");
        }
    }
}
