package dev.statekeeper.cli.loop;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Decision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code statekeeper loop decide ID}. */
@Command(name = "decide", description = {"Decide and store the loop's next action from its latest score:",
    "completed when the score reaches the type's threshold; user_input on a checkpoint iteration or when the "
            + "score stagnates; else refine. Every outcome but completed advances the iteration."})
public final class LoopDecide extends StoreCommand {
    @Parameters(paramLabel = "ID", description = "the loop's id")
    String id;

    @Option(names = "--expect-version", paramLabel = "N",
            description = "fail with a stale-version error unless the loop is at version N")
    Long expectVersion;

    @Override
    protected void execute(StateStore store, Output out) {
        Decision decision = store.decide(id, expectVersion);
        out.emit(decision, w -> LoopText.decision(decision, w));
    }
}
