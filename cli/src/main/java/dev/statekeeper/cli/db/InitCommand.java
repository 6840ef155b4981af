package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import picocli.CommandLine.Command;

/** {@code statekeeper init}: opens the store, which creates and migrates it, and says where it is. */
@Command(name = "init", description = {
    "Create the store if it does not exist and bring its schema up to date, then print the backend and "
            + "where the data lives. Safe to run again."})
public final class InitCommand extends StoreCommand {
    @Override
    protected void execute(StateStore store, Output out) {
        StoreInfo info = store.info();
        String schema = info.schemaVersion() == null ? "" : " (schema version " + info.schemaVersion() + ")";
        out.emit(InfoText.json(info), "initialized " + info.backend() + " store at " + info.location() + schema);
    }
}
