package dev.statekeeper.cli.db;

import dev.statekeeper.core.api.Backends;
import picocli.CommandLine;

import java.util.ListResourceBundle;

/**
 * The help texts that list the installed backends, for annotations to name: {@code ${bundle:statekeeper.backends}}
 * ("memory, json, sqlite or postgres") and {@code ${bundle:statekeeper.targets}} (the URLs {@code --to} takes).
 */
public final class BackendHelp extends ListResourceBundle {
    /** Makes the texts available to the command line and all its subcommands. */
    public static void install(CommandLine commandLine) {
        commandLine.setResourceBundle(new BackendHelp());
    }

    @Override
    protected Object[][] getContents() {
        return new Object[][] {
            {"statekeeper.backends", Target.orList(Backends.names())},
            {"statekeeper.targets", Target.forms()}};
    }
}
