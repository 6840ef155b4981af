package dev.statekeeper.cli.config;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.config.ConfigFile;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code statekeeper config path}: where the config file is (whether or not it exists yet). */
@Command(name = "path", description = "Print where the config file is (it need not exist yet): $STATEKEEPER_CONFIG, "
        + "else $XDG_CONFIG_HOME/statekeeper/config.toml, else ~/.config/statekeeper/config.toml.")
final class ConfigPath extends ConfigAction {
    @Override
    void execute(Globals globals, Output out) {
        Path path = ConfigFile.locate(globals.terminal().env());
        out.emit(Output.fields("path", path.toString(), "exists", Files.exists(path)), path.toString());
    }
}
