package dev.statekeeper.cli.roadmap;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.RoadmapContent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statekeeper roadmap put --project P --file F}. */
@Command(name = "put", description = "Store the project's roadmap from a JSON document: creates it (a title is "
        + "required), or updates it (omitted fields keep their value).")
public final class RoadmapPut extends StoreCommand {
    @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "the project")
    String project;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the roadmap as JSON (- reads stdin)")
    String file;

    @Option(names = "--expect-version", paramLabel = "N",
            description = "fail with a stale-version error unless the roadmap is at version N")
    Long expectVersion;

    @Override
    protected void execute(StateStore store, Output out) {
        RoadmapContent content = readJson(file, "roadmap", RoadmapContent.class);
        Roadmap roadmap = store.putRoadmap(project, content, expectVersion);
        out.emit(roadmap, "stored roadmap of project '" + project + "' (version " + roadmap.version() + ")");
    }
}
