package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.cli.support.Table;
import dev.statekeeper.ops.Ops;
import dev.statekeeper.ops.RecoverReport;
import dev.statekeeper.ops.TableRecovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code statekeeper db recover [--backup-first]}: the emergency path for a damaged SQLite or json file. Salvages
 * what can be read into a new store, moves the damaged file aside (never deletes it) and reports per table what
 * was recovered and lost.
 */
@Command(name = "recover", description = {
    "Salvage what can be read from a damaged store file into a new one, then put the new one in its place. SQLite: "
            + "every readable row of every table (the approach of sqlite3's .recover), into a file with this build's "
            + "schema. json: every complete record of a truncated or corrupt file, else the newest readable backup "
            + "(state.json.N).",
    "The damaged file is kept as <file>.damaged-<UTC time> (with its -wal and -shm), never deleted. Reports per "
            + "table the records recovered and lost, what was dropped to keep the store consistent, and verifies the "
            + "result. Stop every process that uses the store first."})
public final class DbRecover implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--backup-first", description = "copy the damaged file(s) into <data dir>/backups/pre-recover-<UTC "
            + "time>/ before anything else")
    boolean backupFirst;

    @Override
    public Integer call() {
        Globals globals = OpsText.globals(spec);
        RecoverReport report = Ops.recover(globals.settings(), globals.terminal().clock(), backupFirst);
        new Output(globals.terminal().out(), globals.json()).emit(Output.fields("backend", report.backend(),
                "file", report.file().toString(), "damaged", report.damaged().toString(),
                "backup", text(report.backup()), "recovered", report.recovered(), "tables", report.tables(),
                "notes", report.notes(), "after", report.after().findings()), w -> {
                    w.println("recovered " + report.backend() + " store " + report.file() + ": " + report.recovered()
                            + " records");
                    w.println("the damaged file is kept as " + report.damaged());
                    if (report.backup() != null) {
                        w.println("it was copied first into " + report.backup());
                    }
                    Table table = new Table("TABLE", "RECOVERED", "LOST", "DETAIL");
                    for (TableRecovery t : report.tables()) {
                        table.row(t.table(), t.recovered(), t.lost() == null ? "unknown" : t.lost(), t.detail());
                    }
                    table.print(w);
                    OpsText.lines("note: ", report.notes(), w);
                    OpsText.print(report.after(), w);
                });
        OpsText.failOnErrors(report.after(), "remain after recovery");
        return 0;
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }
}
