package dev.statekeeper.cli.loop;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Loop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code statekeeper loop get ID}. */
@Command(name = "get", description = "Show a loop: status, score and score history, iteration and every feedback entry.")
public final class LoopGet extends StoreCommand {
    @Parameters(paramLabel = "ID", description = "the loop's id")
    String id;

    @Override
    protected void execute(StateStore store, Output out) {
        Loop loop = store.getLoop(id);
        out.emit(loop, w -> LoopText.describe(loop, w));
    }
}
