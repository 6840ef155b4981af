package dev.statekeeper.cli.spec;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.core.result.SpecDeleted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code statekeeper spec delete}. */
@Command(name = "delete", description = "Delete a spec with all its versions and its links to loops.")
public final class SpecDelete extends StoreCommand {
    @Mixin
    SpecKey key;

    @Override
    protected void execute(StateStore store, Output out) {
        store.deleteSpec(key.project, key.name);
        String name = SpecName.normalize(key.name);
        out.emit(new SpecDeleted(key.project, name),
                "deleted spec '" + name + "' of project '" + key.project + "'");
    }
}
