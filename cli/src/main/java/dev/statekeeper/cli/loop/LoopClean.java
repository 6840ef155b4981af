package dev.statekeeper.cli.loop;

import dev.statekeeper.cli.support.CleanCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.result.LoopsCleaned;
import picocli.CommandLine.Command;

import java.time.Duration;
import java.util.List;

/** {@code statekeeper loop clean --older-than 30d [--dry-run]}. */
@Command(name = "clean", description = "Remove completed loops that were last updated longer ago than --older-than, "
        + "each with its feedback, history entry, objective feedback and spec link.")
public final class LoopClean extends CleanCommand {
    public LoopClean() {
        super(LoopsCleaned::new, "completed loop", "completed loops");
    }

    @Override
    protected List<String> clean(StateStore store, Duration olderThan, boolean dryRun) {
        return store.cleanLoops(olderThan, dryRun);
    }
}
