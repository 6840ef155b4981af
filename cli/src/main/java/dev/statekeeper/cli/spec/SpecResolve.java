package dev.statekeeper.cli.spec;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code statekeeper spec resolve --project P PARTIAL}: prints the full name alone. */
@Command(name = "resolve", description = {"Print the name of the spec a partial name denotes (with --json: the spec).",
    "Tries an exact match, then prefix, then substring, then fuzzy similarity; an ambiguous name is an error "
            + "listing the candidates."})
public final class SpecResolve extends StoreCommand {
    @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "the project")
    String project;

    @Parameters(paramLabel = "PARTIAL", description = "part of the spec's name or title")
    String partial;

    @Override
    protected void execute(StateStore store, Output out) {
        Spec spec = store.resolveSpec(project, partial);
        out.emit(spec, spec.name());
    }
}
