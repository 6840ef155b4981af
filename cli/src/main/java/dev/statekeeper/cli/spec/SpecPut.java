package dev.statekeeper.cli.spec;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code statekeeper spec put}: stores a spec under its normalized title. */
@Command(name = "put", description = "Store a spec from a JSON document: creates it, or updates the spec its "
        + "title names (frozen fields may only be repeated unchanged).")
public final class SpecPut extends StoreCommand {
    @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "the spec's project")
    String project;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the spec as JSON (- reads stdin)")
    String file;

    @Override
    protected void execute(StateStore store, Output out) {
        SpecContent content = readJson(file, "spec", SpecContent.class);
        Spec spec = store.putSpec(project, content);
        out.emit(spec, SpecText.stored("stored", spec));
    }
}
