package dev.statekeeper.cli.config;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.config.ConfigFile;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.StatekeeperException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code statekeeper config set KEY VALUE}: checks the value, then writes the config file atomically. */
@Command(name = "set", description = {"Set a setting in the config file. The value is checked against the setting's "
        + "range first; a bad one is refused and the file left as it was. Other keys and comments are kept; the "
        + "file is replaced atomically, and is readable by its owner only (0600) when it holds a password or token.",
    "Says so when the environment overrides the value, and when the settings are still invalid for another "
            + "reason (a key no setting has, a pool maximum below the minimum)."})
final class ConfigSet extends ConfigAction {
    @Parameters(index = "0", paramLabel = "KEY", description = "the setting's variable name, e.g. DATABASE_URL")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE", description = "the value, within the setting's range")
    String value;

    @Override
    void execute(Globals globals, Output out) {
        Setting setting = setting(key);
        ConfigFile written = file(globals).with(setting, value).write();
        String shown = setting.display(value);
        out.emit(Output.fields("key", key, "value", shown, "file", written.path().toString()),
                "set " + key + " = " + shown + " in " + written.path());
        PrintWriter err = globals.terminal().err();
        String env = globals.terminal().env().get(key);
        if (env != null && !env.isEmpty()) {
            err.println("note: " + key + " in the environment overrides this");
        }
        try {
            Settings.builder().configFile(written).environment(globals.terminal().env()).build();
        } catch (StatekeeperException e) {
            err.println("note: the settings are not valid yet: " + e.getMessage());
        }
    }
}
