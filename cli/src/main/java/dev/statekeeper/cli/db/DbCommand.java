package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.GroupCommand;
import picocli.CommandLine.Command;

/** {@code statekeeper db}: the store itself. */
@Command(name = "db", description = "Inspect the store and test its connection.",
        subcommands = {DbStatus.class, DbTestConnection.class})
public final class DbCommand extends GroupCommand {
}
