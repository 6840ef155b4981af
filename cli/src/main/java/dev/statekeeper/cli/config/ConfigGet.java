package dev.statekeeper.cli.config;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/**
 * {@code statekeeper config get KEY}: the effective value, with passwords and tokens masked. There is no way to
 * print a secret: read it from the file ({@code config path}) or the environment where it was put.
 */
@Command(name = "get", description = {"Print the effective value of one setting (nothing when it has none). "
        + "Passwords and tokens are shown as ****. A bad value is printed too, with a note on stderr saying why "
        + "it is bad.", "With --json: its key, value, source and problem (null when it is fine)."})
final class ConfigGet extends ConfigAction {
    @Parameters(paramLabel = "KEY", description = "the setting's variable name, e.g. STATEKEEPER_BACKEND")
    String key;

    @Override
    void execute(Globals globals, Output out) {
        Setting setting = setting(key);
        Settings settings = inspect(globals);
        String value = setting.display(settings.raw(setting));
        out.emit(json(settings, setting), w -> {
            if (value != null) {
                w.println(value);
            }
        });
        PrintWriter err = globals.terminal().err();
        settings.fileProblem().ifPresent(e -> err.println("note: " + e.getMessage()));
        settings.problem(setting).ifPresent(v -> err.println("note: invalid: " + v));
    }
}
