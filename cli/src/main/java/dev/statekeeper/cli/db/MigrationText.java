package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.KeyValues;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.Table;
import dev.statekeeper.cli.support.Text;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.migration.Migration;
import dev.statekeeper.jdbc.migration.MigrationReport;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** How {@code db migrate} and {@code db migrate status} show migrations. */
final class MigrationText {
    private MigrationText() {
    }

    static Map<String, Object> json(MigrationReport report) {
        return Output.fields("backend", report.backend(), "location", report.location(),
                "schemaVersion", report.schemaVersion(), "latest", report.latest(),
                "migrations", json(report.migrations()),
                "pending", report.pending().size(), "drift", report.drift().stream().map(Migration::problem).toList());
    }

    static List<Map<String, Object>> json(List<Migration> migrations) {
        return migrations.stream().map(m -> Output.fields("version", m.version(), "description", m.description(),
                "checksum", m.checksum(), "buildChecksum", m.buildChecksum(),
                "appliedAt", m.appliedAt() == null ? null : m.appliedAt().toString(), "state", m.state().wire()))
                .toList();
    }

    /** Where the store is, its schema version and this build's, then one row per migration and what to do. */
    static void print(MigrationReport report, PrintWriter out) {
        new KeyValues().add("backend", report.backend()).add("location", report.location())
                .add("schema version", report.schemaVersion()).add("this build", report.latest()).print(out);
        out.println();
        Table table = new Table("VERSION", "DESCRIPTION", "CHECKSUM", "APPLIED AT", "STATE");
        report.migrations().forEach(m -> table.row(m.version(), m.description(), m.checksum(),
                Text.time(m.appliedAt()), m.state().wire()));
        table.print(out);
        out.println();
        if (!report.drift().isEmpty()) {
            out.println("drift ('statekeeper db migrate' applies nothing until it is resolved):");
            report.drift().forEach(m -> out.println("  " + m.problem()));
        } else if (!report.pending().isEmpty()) {
            out.println(Text.count(report.pending().size(), "migration is", "migrations are") + " pending: "
                    + "'statekeeper db migrate' applies " + (report.pending().size() == 1 ? "it" : "them"));
        } else {
            out.println("up to date: every migration of this build is applied");
        }
    }

    /** Exit 6 when the report has drift: thrown after it was printed, so both reach the operator. */
    static void failOnDrift(MigrationReport report) {
        int drift = report.drift().size();
        if (drift > 0) {
            throw new StatekeeperException(ErrorCode.MIGRATION_DRIFT, Text.count(drift, "migration", "migrations")
                    + " of the " + report.backend() + " store at " + report.location() + " "
                    + (drift == 1 ? "does" : "do") + " not match this build's");
        }
    }
}
