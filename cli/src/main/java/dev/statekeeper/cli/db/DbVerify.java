package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.VersionProvider;
import dev.statekeeper.ops.Ops;
import dev.statekeeper.ops.RepairReport;
import dev.statekeeper.ops.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code statekeeper db verify [--repair]}: checks the store where the settings say it is, without opening it as
 * a store (a damaged one cannot be), and prints one line per finding and a summary; exit 6 when errors remain.
 */
@Command(name = "verify", description = {
    "Check the store's integrity without opening it as a store: for SQLite PRAGMA integrity_check and "
            + "foreign_key_check, the schema version and migration checksums; for PostgreSQL the migrations; for a json "
            + "file that it parses and its format; and on every backend orphaned records, values out of range, feedback "
            + "numbering, the active-loop bound (specs without a roadmap are a warning) and the change history: gaps in "
            + "its sequence numbers, its counter behind the newest event, records whose version moved without an event "
            + "(records removed without their deletion event are a warning; records it cannot check, a note).",
    "Prints one line per finding (error, warning or info: where, what, fix) and a summary; exits 6 when errors "
            + "remain. --repair never rewrites the change history.",
    "--repair first copies the store into <data dir>/backups/pre-repair-<UTC time>/ (PostgreSQL: the portable "
            + "export 'db backup' writes, so the store must open), then fixes what is safe "
            + "(deletes orphaned rows, renumbers feedback, trims the active-loop history, restores a missing current "
            + "revision, rebuilds damaged indexes), says what it changed and verifies again."})
public final class DbVerify implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--repair", description = "back the store up, then fix what is safe to fix and verify again")
    boolean repair;

    @Override
    public Integer call() {
        Globals globals = OpsText.globals(spec);
        Output out = new Output(globals.terminal().out(), globals.json());
        if (!repair) {
            VerifyReport report = Ops.verify(globals.settings(), globals.terminal().clock());
            out.emit(report.findings(), w -> OpsText.print(report, w));
            OpsText.failOnErrors(report, "found");
            return 0;
        }
        RepairReport report = Ops.repair(globals.settings(), globals.terminal().clock(),
                VersionProvider.version());
        out.emit(Output.fields("before", report.before().findings(),
                "backup", report.backup() == null ? null : report.backup().toString(), "changes", report.changes(),
                "notes", report.notes(), "after", report.after().findings()), w -> {
                    OpsText.print(report.before(), w);
                    if (report.backup() != null) {
                        w.println("backup: " + report.backup());
                    }
                    OpsText.lines("changed: ", report.changes(), w);
                    OpsText.lines("note: ", report.notes(), w);
                    if (report.backup() != null) {
                        w.println("after repair:");
                        OpsText.print(report.after(), w);
                    }
                });
        OpsText.failOnErrors(report.after(), "remain");
        return 0;
    }
}
