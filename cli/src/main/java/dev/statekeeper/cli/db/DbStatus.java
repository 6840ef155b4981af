package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import picocli.CommandLine.Command;

/** {@code statekeeper db status}: backend, location, schema version, record counts and sizes on disk. */
@Command(name = "status", description = "Show the backend, where the data lives (passwords masked), the schema "
        + "version, how many records of each kind are stored and how many bytes the store takes on disk.")
public final class DbStatus extends StoreCommand {
    @Override
    protected void execute(StateStore store, Output out) {
        StoreInfo info = store.info();
        out.emit(InfoText.json(info), w -> InfoText.print(info, w));
    }
}
