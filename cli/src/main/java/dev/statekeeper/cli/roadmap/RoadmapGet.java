package dev.statekeeper.cli.roadmap;

import dev.statekeeper.cli.support.DocumentText;
import dev.statekeeper.cli.support.KeyValues;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.cli.support.Table;
import dev.statekeeper.cli.support.Text;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code statekeeper roadmap get --project P}: the roadmap and the project's specs. */
@Command(name = "get", description = "Show the project's roadmap and its specs in creation order.")
public final class RoadmapGet extends StoreCommand {
    @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "the project")
    String project;

    @Override
    protected void execute(StateStore store, Output out) {
        Roadmap roadmap = store.getRoadmap(project);
        out.emit(roadmap, w -> describe(roadmap, w));
    }

    private static void describe(Roadmap roadmap, PrintWriter out) {
        out.println("# " + roadmap.content().title());
        new KeyValues()
                .add("project", roadmap.project())
                .add("status", roadmap.content().status())
                .add("version", roadmap.version())
                .add("created", Text.time(roadmap.createdAt()))
                .add("updated", Text.time(roadmap.updatedAt()))
                .print(out);
        DocumentText.sections(roadmap.content(), out);
        out.println();
        out.println("## Specs");
        if (roadmap.specs().isEmpty()) {
            out.println("no specs");
            return;
        }
        Table table = new Table("NAME", "STATUS", "VERSION", "TITLE");
        for (Spec s : roadmap.specs()) {
            table.row(s.name(), s.content().status(), s.version(), s.content().title());
        }
        table.print(out);
    }
}
