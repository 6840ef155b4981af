package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Output;
import dev.statekeeper.jdbc.migration.MigrationReport;
import dev.statekeeper.jdbc.migration.Migrator;
import picocli.CommandLine.Command;

/** {@code statekeeper db migrate status}: every migration of this build and of the database, with its state. */
@Command(name = "status", description = {
    "Show every schema migration of this build and every one the database has: version, description, checksum, "
            + "when it was applied and its state: applied, pending, failed, checksum-mismatch (changed after it was "
            + "applied), newer (applied by a newer statekeeper) or unknown (applied by another build). Changes "
            + "nothing, and works when the store does not open.",
    "Exits 6 when a migration is failed, checksum-mismatch, newer or unknown, 5 when the database cannot be reached."})
public final class DbMigrateStatus extends MigrationCommand {
    @Override
    void execute(Migrator migrator, Output out) {
        MigrationReport report = migrator.status();
        out.emit(MigrationText.json(report), w -> MigrationText.print(report, w));
        MigrationText.failOnDrift(report);
    }
}
