package dev.statekeeper.cli.plan;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.ProjectPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statekeeper plan put --project P --file F}. */
@Command(name = "put", description = "Store the project's plan from a JSON document: creates it, or updates it "
        + "(omitted fields keep their value).")
public final class PlanPut extends StoreCommand {
    @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "the project")
    String project;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the plan as JSON (- reads stdin)")
    String file;

    @Option(names = "--expect-version", paramLabel = "N",
            description = "fail with a stale-version error unless the plan is at version N")
    Long expectVersion;

    @Override
    protected void execute(StateStore store, Output out) {
        PlanContent content = readJson(file, "plan", PlanContent.class);
        ProjectPlan plan = store.putPlan(project, content, expectVersion);
        out.emit(plan, "stored plan of project '" + project + "' (version " + plan.version() + ")");
    }
}
