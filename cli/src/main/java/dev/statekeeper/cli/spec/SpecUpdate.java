package dev.statekeeper.cli.spec;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statekeeper spec update}: a new revision of an existing spec. */
@Command(name = "update", description = "Update an existing spec: fields in the document replace the stored ones, "
        + "omitted fields keep their value, frozen fields cannot change.")
public final class SpecUpdate extends StoreCommand {
    @Mixin
    SpecKey key;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the changes as JSON (- reads stdin)")
    String file;

    @Option(names = "--expect-version", paramLabel = "N",
            description = "fail with a stale-version error unless the spec is at version N")
    Long expectVersion;

    @Override
    protected void execute(StateStore store, Output out) {
        SpecContent content = readJson(file, "spec", SpecContent.class);
        Spec spec = store.updateSpec(key.project, key.name, content, expectVersion);
        out.emit(spec, SpecText.stored("updated", spec));
    }
}
