package dev.statekeeper.cli.spec;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.PagingOptions;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.cli.support.Text;
import dev.statekeeper.cli.support.WireValues;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecQuery;
import dev.statekeeper.core.domain.SpecStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statekeeper spec list --project P}. */
@Command(name = "list", description = "List a project's specs in creation order.")
public final class SpecList extends StoreCommand {
    @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "the project")
    String project;

    @Option(names = "--status", paramLabel = "STATUS", completionCandidates = WireValues.SpecStatuses.class,
            description = "only specs in this status: ${COMPLETION-CANDIDATES}")
    SpecStatus status;

    @Mixin
    PagingOptions paging;

    @Override
    protected void execute(StateStore store, Output out) {
        Page<Spec> page = store.listSpecs(new SpecQuery(project, status, paging.paging()));
        out.emit(page, w -> {
            SpecText.table(page.items(), w);
            Text.pageFooter(page, w);
        });
    }
}
