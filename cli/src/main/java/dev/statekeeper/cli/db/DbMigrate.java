package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.Text;
import dev.statekeeper.jdbc.migration.MigrationReport;
import dev.statekeeper.jdbc.migration.Migrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code statekeeper db migrate [--dry-run]}: applies this build's pending schema migrations to the store, which need
 * not open (it refuses to while it is behind and STATEKEEPER_AUTO_MIGRATE=false).
 */
@Command(name = "migrate", subcommands = DbMigrateStatus.class, description = {
    "Apply this build's pending schema migrations to the SQLite file or PostgreSQL database, in order, each in its "
            + "own transaction; a SQLite file that does not exist is created. The store need not open: this is the "
            + "way on when it is behind and STATEKEEPER_AUTO_MIGRATE=false.",
    "Nothing is applied when an applied migration failed, differs from this build's (checksum) or is unknown to it "
            + "(exit 6; 'statekeeper db migrate status' says which). Two migrations at once apply each migration once "
            + "(PostgreSQL: Flyway's advisory lock; SQLite: the write lock, waited for up to "
            + "STATEKEEPER_SQLITE_BUSY_TIMEOUT).",
    "--dry-run lists what would be applied and writes nothing. The memory and json backends have nothing to migrate."})
public final class DbMigrate extends MigrationCommand {
    @Option(names = "--dry-run", description = "list the migrations that would be applied; write nothing")
    boolean dryRun;

    @Override
    void execute(Migrator migrator, Output out) {
        Migrator.Outcome outcome = migrator.migrate(dryRun);
        MigrationReport after = outcome.after();
        out.emit(Output.fields("backend", after.backend(), "location", after.location(), "dryRun", dryRun,
                "migrations", MigrationText.json(outcome.migrations()), "schemaVersion", after.schemaVersion(),
                "latest", after.latest()), w -> {
                    String store = "the " + after.backend() + " store at " + after.location();
                    if (outcome.migrations().isEmpty()) {
                        w.println("nothing to apply: " + store + " is at schema version " + after.schemaVersion()
                                + ", this build's newest");
                        return;
                    }
                    String count = Text.count(outcome.migrations().size(), "migration", "migrations");
                    w.println(dryRun ? "would apply " + count + " to " + store + " (dry run: nothing was written):"
                            : "applied " + count + " to " + store + ":");
                    outcome.migrations().forEach(m -> w.println("  " + m.name()));
                    if (!dryRun) {
                        w.println("schema version " + after.schemaVersion() + ", this build's newest");
                    }
                });
    }
}
