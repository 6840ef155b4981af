package dev.statekeeper.cli;

import dev.statekeeper.core.config.ConfigFile;
import dev.statekeeper.core.config.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.util.ArrayList;
import java.util.List;

/** The settings section of {@code statekeeper --help}, rendered from core's one table of settings. */
final class EnvironmentHelp implements IHelpSectionRenderer {
    private static final String KEY = "environment";

    /** Adds the section to the root command's help, just before the footer. */
    static void install(CommandLine root) {
        root.getHelpSectionMap().put(KEY, new EnvironmentHelp());
        List<String> keys = new ArrayList<>(root.getHelpSectionKeys());
        keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), KEY);
        root.setHelpSectionKeys(keys);
    }

    @Override
    public String render(Help help) {
        int width = help.commandSpec().usageMessage().width();
        TextTable table = TextTable.forColumns(help.colorScheme(), new Column(6, 2, Column.Overflow.SPAN),
                new Column(width - 6, 0, Column.Overflow.WRAP));
        for (Setting s : Setting.values()) {
            String value = s.defaultValue() == null ? "" : " (default " + s.display(s.defaultValue()) + ")";
            table.addRowValues(s.variable() + " = " + s.range() + value);
            table.addRowValues("", s.description());
        }
        table.addRowValues(ConfigFile.VARIABLE + " = a file");
        table.addRowValues("", "the config file: TOML with the variables above as keys; the environment overrides "
                + "it. 'statekeeper config path' says where it is, 'statekeeper config --help' how to change it");
        return String.format("%nEnvironment (the global options override it; it overrides the config file):%n") + table;
    }
}
