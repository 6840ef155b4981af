package dev.statekeeper.cli.plan;

import dev.statekeeper.cli.support.DocumentText;
import dev.statekeeper.cli.support.KeyValues;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.cli.support.Text;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.ProjectPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code statekeeper plan get --project P}. */
@Command(name = "get", description = "Show the project's plan.")
public final class PlanGet extends StoreCommand {
    @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "the project")
    String project;

    @Override
    protected void execute(StateStore store, Output out) {
        ProjectPlan plan = store.getPlan(project);
        out.emit(plan, w -> describe(plan, w));
    }

    private static void describe(ProjectPlan plan, PrintWriter out) {
        out.println("# Plan of " + plan.project());
        new KeyValues()
                .add("status", plan.content().status())
                .add("version", plan.version())
                .add("created", Text.time(plan.createdAt()))
                .add("updated", Text.time(plan.updatedAt()))
                .print(out);
        DocumentText.sections(plan.content(), out);
    }
}
