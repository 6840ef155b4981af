package dev.statekeeper.cli.spec;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.StoreCommand;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.core.result.SpecLinked;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code statekeeper spec link --loop ID --project P --name N}. */
@Command(name = "link", description = "Link a loop to a spec (replacing the loop's earlier link); "
        + "'spec get --loop ID' shows it.")
public final class SpecLink extends StoreCommand {
    @Option(names = "--loop", required = true, paramLabel = "ID", description = "the loop's id")
    String loop;

    @Mixin
    SpecKey key;

    @Override
    protected void execute(StateStore store, Output out) {
        store.linkLoop(loop, key.project, key.name);
        String name = SpecName.normalize(key.name);
        out.emit(new SpecLinked(loop, key.project, name),
                "linked loop " + loop + " to spec '" + name + "' of project '" + key.project + "'");
    }
}
