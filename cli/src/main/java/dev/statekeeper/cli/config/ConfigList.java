package dev.statekeeper.cli.config;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.Table;
import dev.statekeeper.core.config.ConfigFile;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/**
 * {@code statekeeper config list}: every setting, its effective value (secrets masked) and its source, bad values
 * marked, and then what is wrong with the settings and the config file.
 */
@Command(name = "list", description = {"List every setting with its effective value (passwords and tokens shown as "
        + "****) and where it came from: default, file, env or flag.",
    "A value out of range or against another setting is marked invalid, and every problem (with the file and "
            + "line) is listed under the table: the other commands refuse to start until it is fixed."})
final class ConfigList extends ConfigAction {
    @Override
    void execute(Globals globals, Output out) {
        Settings settings = inspect(globals);
        ConfigFile file = file(globals);
        List<String> problems = settings.problems();
        out.emit(Output.fields("file", file.path().toString(), "fileExists", file.exists(), "settings",
                Arrays.stream(Setting.values()).map(s -> json(settings, s)).toList(), "problems", problems), w -> {
                    Table table = new Table("SETTING", "VALUE", "SOURCE");
                    for (Setting s : Setting.values()) {
                        String source = source(settings.value(s).source());
                        table.row(s.variable(), s.display(settings.raw(s)),
                                settings.problem(s).isPresent() ? source + ", invalid" : source);
                    }
                    table.print(w);
                    printProblems(problems, w);
                });
    }

    private static void printProblems(List<String> problems, PrintWriter w) {
        if (problems.isEmpty()) {
            return;
        }
        w.println();
        w.println("problems (the commands other than 'statekeeper config' refuse to start until they are fixed):");
        problems.forEach(p -> w.println("  " + p));
        w.println("fix the config file with 'statekeeper config set KEY VALUE' or 'statekeeper config unset KEY', "
                + "the environment where it is set");
    }
}
