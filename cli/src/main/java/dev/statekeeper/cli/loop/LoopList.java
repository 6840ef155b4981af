package dev.statekeeper.cli.loop;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.PagingOptions;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.cli.support.Text;
import dev.statekeeper.cli.support.WireValues;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.Page;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code statekeeper loop list}: filtered and paged, or the bounded active-loop history. */
@Command(name = "list", description = "List loops, newest first, or with --active the active-loop history.")
public final class LoopList extends StoreCommand {
    @Option(names = "--project", paramLabel = "PROJECT", description = "only loops of this project")
    String project;

    @Option(names = "--type", paramLabel = "TYPE", completionCandidates = WireValues.LoopTypes.class,
            description = "only loops of this type: ${COMPLETION-CANDIDATES}")
    LoopType type;

    @Option(names = "--status", paramLabel = "STATUS", completionCandidates = WireValues.LoopStatuses.class,
            description = "only loops in this status: ${COMPLETION-CANDIDATES}")
    LoopStatus status;

    @Option(names = "--active", description = "show the active-loop history instead: the most recently created "
            + "loops (STATEKEEPER_LOOP_HISTORY_SIZE of them); takes no filters")
    boolean active;

    @Mixin
    PagingOptions paging;

    @Override
    protected void execute(StateStore store, Output out) {
        if (active) {
            if (project != null || type != null || status != null || paging.given()) {
                throw usage("--active shows the whole active-loop history and cannot be combined with filters or paging");
            }
            List<LoopSummary> loops = store.activeLoops();
            out.emit(loops, w -> LoopText.table(loops, w));
            return;
        }
        Page<LoopSummary> page = store.listLoops(new LoopQuery(project, type, status, paging.paging()));
        out.emit(page, w -> {
            LoopText.table(page.items(), w);
            Text.pageFooter(page, w);
        });
    }
}
