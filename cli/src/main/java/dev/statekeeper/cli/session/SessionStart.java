package dev.statekeeper.cli.session;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;

/** {@code statekeeper session start NAME}. */
@Command(name = "start", description = "Start a work session under a unique name.")
public final class SessionStart extends StoreCommand {
    @Parameters(paramLabel = "NAME", description = "unique name: letters, digits and . _ # : / @ + -")
    String name;

    @Option(names = "--repo-name", paramLabel = "NAME", description = "the repository worked on")
    String repoName;

    @Option(names = "--repo-url", paramLabel = "URL", description = "where the repository lives")
    String repoUrl;

    @Option(names = "--branch", paramLabel = "BRANCH", description = "the branch worked on")
    String branch;

    @Option(names = "--task-id", paramLabel = "ID", description = "the task worked on")
    String taskId;

    @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "free-form metadata (repeatable)")
    Map<String, String> metadata;

    @Override
    protected void execute(StateStore store, Output out) {
        Session session = store.startSession(new NewSession(name, repoName, repoUrl, branch, taskId, metadata));
        out.emit(session, "started session " + session.name());
    }
}
