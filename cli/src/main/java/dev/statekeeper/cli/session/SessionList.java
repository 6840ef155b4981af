package dev.statekeeper.cli.session;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.PagingOptions;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.cli.support.Text;
import dev.statekeeper.cli.support.WireValues;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionQuery;
import dev.statekeeper.core.domain.SessionStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statekeeper session list}. */
@Command(name = "list", description = "List sessions, newest first.")
public final class SessionList extends StoreCommand {
    @Option(names = "--status", paramLabel = "STATUS", completionCandidates = WireValues.SessionStatuses.class,
            description = "only sessions in this status: ${COMPLETION-CANDIDATES}")
    SessionStatus status;

    @Option(names = "--repo-name", paramLabel = "NAME", description = "only sessions on this repository")
    String repoName;

    @Option(names = "--task-id", paramLabel = "ID", description = "only sessions on this task")
    String taskId;

    @Mixin
    PagingOptions paging;

    @Override
    protected void execute(StateStore store, Output out) {
        Page<Session> page = store.listSessions(new SessionQuery(status, repoName, taskId, paging.paging()));
        out.emit(page, w -> {
            SessionText.table(page.items(), w);
            Text.pageFooter(page, w);
        });
    }
}
