package dev.statekeeper.cli.session;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.cli.support.Text;
import dev.statekeeper.core.api.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/** {@code statekeeper session clean --older-than 30d [--dry-run]}. */
@Command(name = "clean", description = "Remove ended sessions that were last updated longer ago than --older-than.")
public final class SessionClean extends StoreCommand {
    @Option(names = "--older-than", required = true, paramLabel = "AGE",
            description = "a number and a unit: s, m, h, d or w (e.g. 30d)")
    Duration olderThan;

    @Option(names = "--dry-run", description = "only list the sessions that would be removed")
    boolean dryRun;

    @Override
    protected void execute(StateStore store, Output out) {
        List<String> names = store.cleanSessions(olderThan, dryRun);
        String age = Text.duration(olderThan);
        String verb = dryRun ? "would remove " : "removed ";
        out.emit(Output.fields("olderThan", age, "dryRun", dryRun, "sessions", names), names.isEmpty()
                ? "no ended sessions older than " + age
                : verb + Text.count(names.size(), "ended session", "ended sessions") + " older than " + age + ": "
                        + String.join(", ", names));
    }
}
