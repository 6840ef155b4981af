package dev.statekeeper.cli.spec;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code statekeeper spec get}: by project and name (optionally an older version), or the spec of a loop. */
@Command(name = "get", description = "Show a spec (the latest version unless --version), or the spec a loop is linked to.")
public final class SpecGet extends StoreCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--loop", paramLabel = "ID", description = "the spec linked to this loop")
        String loop;

        @ArgGroup(exclusive = false)
        Named named;
    }

    static final class Named {
        @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "the spec's project")
        String project;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the spec's name")
        String name;

        @Option(names = "--version", paramLabel = "V", description = "an earlier version (1 is the first)")
        Long version;
    }

    @Override
    protected void execute(StateStore store, Output out) {
        Spec spec = target.loop != null ? store.specForLoop(target.loop) : named(store, target.named);
        out.emit(spec, w -> SpecText.describe(spec, w));
    }

    private static Spec named(StateStore store, Named named) {
        if (named.version == null) {
            return store.getSpec(named.project, named.name);
        }
        List<Spec> history = store.specHistory(named.project, named.name);
        return history.stream().filter(s -> s.version() == named.version).findFirst()
                .orElseThrow(() -> new StatekeeperException(ErrorCode.SPEC_NOT_FOUND, "version " + named.version
                        + " of spec '" + history.getLast().name() + "' of project '" + named.project
                        + "' not found (it has versions 1 to " + history.getLast().version() + ")"));
    }
}
