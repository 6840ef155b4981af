package dev.statekeeper.cli.config;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.config.ConfigFile;
import dev.statekeeper.core.config.SettingNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code statekeeper config unset KEY}: removes the key from the config file (a no-op when it is not there). */
@Command(name = "unset", description = "Remove a setting from the config file, so the environment or the default "
        + "applies again. Also removes a key no setting has (a typo the file was refused for).")
final class ConfigUnset extends ConfigAction {
    @Parameters(paramLabel = "KEY", description = "the setting's variable name")
    String key;

    @Override
    void execute(Globals globals, Output out) {
        ConfigFile file = file(globals);
        if (SettingNames.find(key).isEmpty() && !file.contains(key)) {
            throw unknown(key);
        }
        boolean removed = file.contains(key);
        if (removed) {
            file.without(key).write();
        }
        out.emit(Output.fields("key", key, "removed", removed, "file", file.path().toString()),
                (removed ? "removed " + key + " from " : key + " is not set in ") + file.path());
    }
}
