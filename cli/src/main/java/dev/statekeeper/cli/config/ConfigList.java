package dev.statekeeper.cli.config;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.Table;
import dev.statekeeper.core.config.ConfigFile;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import picocli.CommandLine.Command;

import java.util.Arrays;

/** {@code statekeeper config list}: every setting, its effective value (secrets masked) and its source. */
@Command(name = "list", description = "List every setting with its effective value (passwords and tokens shown as "
        + "****) and where it came from: default, file, env or flag.")
final class ConfigList extends ConfigAction {
    @Override
    void execute(Globals globals, Output out) {
        Settings settings = globals.settings();
        String file = ConfigFile.locate(globals.terminal().env()).toString();
        out.emit(Output.fields("file", file, "settings",
                Arrays.stream(Setting.values()).map(s -> json(settings, s)).toList()), w -> {
                    Table table = new Table("SETTING", "VALUE", "SOURCE");
                    for (Setting s : Setting.values()) {
                        table.row(s.variable(), s.display(settings.raw(s)), source(settings.value(s).source()));
                    }
                    table.print(w);
                });
    }
}
