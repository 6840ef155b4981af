package dev.statekeeper.cli.config;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.config.ConfigFile;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code statekeeper config set KEY VALUE}: checks the value and the rules between settings, then writes the config
 * file atomically.
 */
@Command(name = "set", description = {"Set a setting in the config file. The value is checked against the setting's "
        + "range and against the rules between settings (the pool's minimum at most its maximum, ...) with the "
        + "environment and the rest of the file; a bad one is refused and the file left as it was. Other keys and "
        + "comments are kept; the file is replaced atomically, and is readable by its owner only (0600) when it holds "
        + "a password or token. A file STATEKEEPER_CONFIG names is created when its directory exists.",
    "Says so when the environment overrides the value, and when the settings are still invalid for another "
            + "reason (a key no setting has)."})
final class ConfigSet extends ConfigAction {
    @Parameters(index = "0", paramLabel = "KEY", description = "the setting's variable name, e.g. DATABASE_URL")
    String key;

    @Parameters(index = "1", paramLabel = "VALUE", description = "the value, within the setting's range")
    String value;

    @Override
    void execute(Globals globals, Output out) {
        Setting setting = setting(key);
        ConfigFile file = file(globals);
        ConfigFile edited = file.with(setting, value);
        List<Violation> broken = brokenWith(globals, setting, value, "not written to " + file.path());
        if (!broken.isEmpty()) {
            throw StatekeeperException.invalid(ErrorCode.CONFIG_INVALID, "setting", broken);
        }
        ConfigFile written = edited.write();
        String shown = setting.display(value);
        out.emit(Output.fields("key", key, "value", shown, "file", written.path().toString()),
                "set " + key + " = " + shown + " in " + written.path());
        String env = globals.terminal().env().get(key);
        if (env != null && !env.isEmpty()) {
            globals.terminal().err().println("note: " + key + " in the environment overrides this");
        }
        noteRemainingProblems(globals);
    }
}
