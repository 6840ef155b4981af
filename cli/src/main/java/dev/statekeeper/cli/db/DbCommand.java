package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.GroupCommand;
import picocli.CommandLine.Command;

/** {@code statekeeper db}: the store itself. */
@Command(name = "db", description = "Inspect the store, test its connection, and move or save its data.",
        subcommands = {DbStatus.class, DbTestConnection.class, DbMigrate.class, DbExport.class, DbImport.class, DbCopy.class,
            DbBackup.class, DbBackups.class, DbRestore.class, DbVerify.class, DbRecover.class, DbMaintain.class})
public final class DbCommand extends GroupCommand {
}
