package dev.statekeeper.cli.session;

import dev.statekeeper.cli.support.CleanCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.result.SessionsCleaned;
import picocli.CommandLine.Command;

import java.time.Duration;
import java.util.List;

/** {@code statekeeper session clean --older-than 30d [--dry-run]}. */
@Command(name = "clean", description = "Remove ended sessions that were last updated longer ago than --older-than.")
public final class SessionClean extends CleanCommand {
    public SessionClean() {
        super(SessionsCleaned::new, "ended session", "ended sessions");
    }

    @Override
    protected List<String> clean(StateStore store, Duration olderThan, boolean dryRun) {
        return store.cleanSessions(olderThan, dryRun);
    }
}
