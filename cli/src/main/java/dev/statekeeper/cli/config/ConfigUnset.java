package dev.statekeeper.cli.config;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.config.ConfigFile;
import dev.statekeeper.core.internal.config.SettingNames;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code statekeeper config unset KEY}: removes the key from the config file (a no-op when it is not there). */
@Command(name = "unset", description = "Remove a setting from the config file, so the environment or the default "
        + "applies again; refused when the default would break a rule between settings (the pool's minimum at most "
        + "its maximum). Also removes a key no setting has (a typo the file was refused for).")
final class ConfigUnset extends ConfigAction {
    @Parameters(paramLabel = "KEY", description = "the setting's variable name")
    String key;

    @Override
    void execute(Globals globals, Output out) {
        ConfigFile file = file(globals);
        ConfigFile edited = file.without(key);
        if (SettingNames.find(key).isEmpty() && !file.contains(key)) {
            throw unknown(key);
        }
        boolean removed = file.contains(key);
        if (removed) {
            SettingNames.find(key).ifPresent(setting -> refuseBroken(file, brokenWith(globals, setting, null, "")));
            edited.write();
        }
        out.emit(Output.fields("key", key, "removed", removed, "file", file.path().toString()),
                (removed ? "removed " + key + " from " : key + " is not set in ") + file.path());
        noteRemainingProblems(globals);
    }

    private void refuseBroken(ConfigFile file, List<Violation> broken) {
        if (!broken.isEmpty()) {
            throw new StatekeeperException(ErrorCode.CONFIG_INVALID, key + " was not removed from " + file.path()
                    + ": without it, " + broken.stream().map(Violation::toString).collect(Collectors.joining("; ")),
                    broken, Map.of("file", file.path().toString()), null);
        }
    }
}
