package dev.statekeeper.cli.spec;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.result.LoopUnlinked;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statekeeper spec unlink --loop ID}. */
@Command(name = "unlink", description = "Remove a loop's link to its spec (the spec stays).")
public final class SpecUnlink extends StoreCommand {
    @Option(names = "--loop", required = true, paramLabel = "ID", description = "the loop's id")
    String loop;

    @Override
    protected void execute(StateStore store, Output out) {
        store.unlinkLoop(loop);
        out.emit(new LoopUnlinked(loop), "unlinked loop " + loop + " from its spec");
    }
}
