package dev.statekeeper.cli.loop;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.cli.support.Text;
import dev.statekeeper.core.api.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/** {@code statekeeper loop clean --older-than 30d [--dry-run]}. */
@Command(name = "clean", description = "Remove completed loops that were last updated longer ago than --older-than, "
        + "each with its feedback, history entry, objective feedback and spec link.")
public final class LoopClean extends StoreCommand {
    @Option(names = "--older-than", required = true, paramLabel = "AGE",
            description = "a number and a unit: s, m, h, d or w (e.g. 30d)")
    Duration olderThan;

    @Option(names = "--dry-run", description = "only list the loops that would be removed")
    boolean dryRun;

    @Override
    protected void execute(StateStore store, Output out) {
        List<String> ids = store.cleanLoops(olderThan, dryRun);
        String age = Text.duration(olderThan);
        String verb = dryRun ? "would remove " : "removed ";
        out.emit(Output.fields("olderThan", age, "dryRun", dryRun, "loops", ids), ids.isEmpty()
                ? "no completed loops older than " + age
                : verb + Text.count(ids.size(), "completed loop", "completed loops") + " older than " + age + ": "
                        + String.join(", ", ids));
    }
}
