package dev.statekeeper.cli.config;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.config.ConfigFile;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.internal.config.SettingNames;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A {@code config} subcommand: works on the settings and the config file, never opens the store. Unlike every
 * other command it starts when a setting is bad or the file is missing or has unknown keys: it shows what is
 * wrong, so that it can be corrected with {@code config set} or {@code config unset}.
 */
abstract class ConfigAction implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        Globals globals = (Globals) spec.root().userObject();
        execute(globals, new Output(globals.terminal().out(), globals.json()));
        return 0;
    }

    abstract void execute(Globals globals, Output out);

    /** The config file of this environment, as far as it can be read (see {@link ConfigFile#load}). */
    static ConfigFile file(Globals globals) {
        return ConfigFile.load(globals.terminal().env());
    }

    /** The settings as they are, bad values and all. */
    static Settings inspect(Globals globals) {
        return globals.settingsBuilder().inspect();
    }

    /** The setting named {@code key}; an unknown one is a usage error suggesting the closest name. */
    final Setting setting(String key) {
        return SettingNames.find(key).orElseThrow(() -> unknown(key));
    }

    final ParameterException unknown(String key) {
        return new ParameterException(spec.commandLine(), "unknown setting '" + key + "'" + SettingNames.hint(key)
                + " ('statekeeper config list' shows every setting)");
    }

    /**
     * The rules the setting breaks once its file value is {@code value} (null: removed), when that value is the
     * effective one (not overridden by the environment or a flag); said to come from {@code origin}.
     */
    static List<Violation> brokenWith(Globals globals, Setting setting, String value, String origin) {
        Settings after = globals.settingsBuilder().file(setting, value, origin).inspect();
        Settings.Source source = after.value(setting).source();
        return source == Settings.Source.FILE || source == Settings.Source.DEFAULT ? after.problemsWith(setting)
                : List.of();
    }

    /** A note when the settings are still invalid after a change, for a reason the change did not touch. */
    static void noteRemainingProblems(Globals globals) {
        try {
            globals.settingsBuilder().build();
        } catch (StatekeeperException e) {
            globals.terminal().err().println("note: the settings are not valid yet: " + e.getMessage());
        }
    }

    /** A setting's effective value (masked), its source and what is wrong with it, as {@code get} and {@code list} show it. */
    static Map<String, Object> json(Settings settings, Setting setting) {
        return Output.fields("key", setting.variable(), "value", setting.display(settings.raw(setting)),
                "source", source(settings.value(setting).source()),
                "problem", settings.problem(setting).map(Violation::rule).orElse(null));
    }

    /** default, file, env or flag. */
    static String source(Settings.Source source) {
        return source == Settings.Source.ENVIRONMENT ? "env" : source.name().toLowerCase(Locale.ROOT);
    }
}
