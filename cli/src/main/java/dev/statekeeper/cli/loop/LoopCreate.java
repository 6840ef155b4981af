package dev.statekeeper.cli.loop;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.cli.support.WireValues;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statekeeper loop create}: prints the new loop's id alone, so {@code ID=$(...)} works. */
@Command(name = "create", description = "Create a refinement loop and print its id (with --json: the loop).")
public final class LoopCreate extends StoreCommand {
    @Option(names = "--project", required = true, paramLabel = "PROJECT",
            description = "project the loop belongs to (1-255 characters)")
    String project;

    @Option(names = "--type", required = true, paramLabel = "TYPE", completionCandidates = WireValues.LoopTypes.class,
            description = "what the loop refines: ${COMPLETION-CANDIDATES}")
    LoopType type;

    @Override
    protected void execute(StateStore store, Output out) {
        Loop loop = store.createLoop(NewLoop.of(project, type));
        out.emit(loop, loop.id());
    }
}
