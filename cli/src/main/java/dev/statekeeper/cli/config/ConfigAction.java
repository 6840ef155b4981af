package dev.statekeeper.cli.config;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.config.ConfigFile;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.SettingNames;
import dev.statekeeper.core.config.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** A {@code config} subcommand: works on the settings and the config file, never opens the store. */
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

    /** The config file of this environment, read (CONFIG_INVALID when it is unreadable or not TOML). */
    static ConfigFile file(Globals globals) {
        return ConfigFile.read(ConfigFile.locate(globals.terminal().env()));
    }

    /** The setting named {@code key}; an unknown one is a usage error suggesting the closest name. */
    final Setting setting(String key) {
        return SettingNames.find(key).orElseThrow(() -> unknown(key));
    }

    final ParameterException unknown(String key) {
        return new ParameterException(spec.commandLine(), "unknown setting '" + key + "'" + SettingNames.hint(key)
                + " ('statekeeper config list' shows every setting)");
    }

    /** A setting's effective value (masked) and source, as {@code config get} and {@code list} show it. */
    static Map<String, Object> json(Settings settings, Setting setting) {
        return Output.fields("key", setting.variable(), "value", setting.display(settings.raw(setting)),
                "source", source(settings.value(setting).source()));
    }

    /** default, file, env or flag. */
    static String source(Settings.Source source) {
        return source == Settings.Source.ENVIRONMENT ? "env" : source.name().toLowerCase(Locale.ROOT);
    }
}
