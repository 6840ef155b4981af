package dev.statekeeper.cli.spec;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;

/** {@code statekeeper spec history}: every revision, oldest first. */
@Command(name = "history", description = "List every version of a spec, oldest first "
        + "(show one with 'spec get --version V').")
public final class SpecHistory extends StoreCommand {
    @Mixin
    SpecKey key;

    @Override
    protected void execute(StateStore store, Output out) {
        List<Spec> history = store.specHistory(key.project, key.name);
        out.emit(history, w -> SpecText.table(history, w));
    }
}
