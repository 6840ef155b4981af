package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.jdbc.migration.Migrator;
import dev.statekeeper.ops.Ops;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code db migrate} and {@code db migrate status}: they work on the store's migrator ({@link Ops#migrator}), never
 * open the store, and say that a backend without one (memory, json) has no schema to migrate.
 */
abstract class MigrationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        Globals globals = OpsText.globals(spec);
        Output out = new Output(globals.terminal().out(), globals.json());
        Settings settings = globals.settings();
        Migrator migrator = Ops.migrator(settings).orElse(null);
        if (migrator == null) {
            String location = Backends.require(settings.backend()).location(settings);
            out.emit(Output.fields("backend", settings.backend(), "location", location,
                    "migrations", List.of()), "nothing to migrate: the " + settings.backend() + " store at "
                    + location + " has no schema migrations");
        } else {
            execute(migrator, out);
        }
        return 0;
    }

    abstract void execute(Migrator migrator, Output out);
}
