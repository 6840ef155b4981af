package dev.statekeeper.cli.plan;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.PagingOptions;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.cli.support.Table;
import dev.statekeeper.cli.support.Text;
import dev.statekeeper.cli.support.WireValues;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.PlanQuery;
import dev.statekeeper.core.domain.PlanStatus;
import dev.statekeeper.core.domain.ProjectPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code statekeeper plan list}. */
@Command(name = "list", description = "List project plans by project.")
public final class PlanList extends StoreCommand {
    @Option(names = "--status", paramLabel = "STATUS", completionCandidates = WireValues.PlanStatuses.class,
            description = "only plans in this status: ${COMPLETION-CANDIDATES}")
    PlanStatus status;

    @Mixin
    PagingOptions paging;

    @Override
    protected void execute(StateStore store, Output out) {
        Page<ProjectPlan> page = store.listPlans(new PlanQuery(status, paging.paging()));
        out.emit(page, w -> table(page, w));
    }

    private static void table(Page<ProjectPlan> page, PrintWriter out) {
        if (page.items().isEmpty()) {
            out.println("no plans");
            return;
        }
        Table table = new Table("PROJECT", "STATUS", "VERSION", "UPDATED", "VISION");
        for (ProjectPlan p : page.items()) {
            table.row(p.project(), p.content().status(), p.version(), Text.time(p.updatedAt()), Text.shorten(p.content().vision(), 60));
        }
        table.print(out);
        Text.pageFooter(page, out);
    }
}
