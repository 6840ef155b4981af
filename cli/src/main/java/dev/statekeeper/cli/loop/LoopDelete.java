package dev.statekeeper.cli.loop;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.result.LoopDeleted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code statekeeper loop delete ID}. */
@Command(name = "delete", description = "Delete a loop with its feedback, history entry, objective feedback and spec link.")
public final class LoopDelete extends StoreCommand {
    @Parameters(paramLabel = "ID", description = "the loop's id")
    String id;

    @Override
    protected void execute(StateStore store, Output out) {
        store.deleteLoop(id);
        out.emit(new LoopDeleted(id), "deleted loop " + id);
    }
}
