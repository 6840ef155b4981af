package dev.statekeeper.cli.plan;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.result.PlanDeleted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statekeeper plan delete --project P}. */
@Command(name = "delete", description = "Delete the project's plan.")
public final class PlanDelete extends StoreCommand {
    @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "the project")
    String project;

    @Override
    protected void execute(StateStore store, Output out) {
        store.deletePlan(project);
        out.emit(new PlanDeleted(project), "deleted plan of project '" + project + "'");
    }
}
