package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.Output;
import dev.statekeeper.doctor.maintain.Maintenance;
import dev.statekeeper.doctor.maintain.MaintenanceRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code statekeeper db maintain [--dry-run]}: the store's routine maintenance ({@link Maintenance}), each step with
 * how long it took, recorded in the maintenance log the doctor's maintenance-age check reads.
 */
@Command(name = "maintain", description = {
    "Routine maintenance, recorded in the store's maintenance log (the doctor's maintenance-age check reads it): "
            + "SQLite PRAGMA optimize, ANALYZE, PRAGMA wal_checkpoint(TRUNCATE) and VACUUM when the free list is over "
            + "the doctor's freelist threshold; PostgreSQL VACUUM (ANALYZE) of each of Statekeeper's tables on a "
            + "connection of its own (lock and statement timeouts); json: backups beyond STATEKEEPER_JSON_BACKUPS "
            + "deleted and gaps closed, under the store's lock.",
    "Schedule it weekly in a quiet hour. Exits 0 when every step ran; 5 when one failed (the steps after it do not run)."})
public final class DbMaintain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "print what it would run, change nothing (the log neither)")
    boolean dryRun;

    @Override
    public Integer call() {
        Globals globals = (Globals) spec.root().userObject();
        MaintenanceRun run = Maintenance.run(globals.settings(), globals.terminal().clock(), dryRun);
        PrintWriter out = globals.terminal().out();
        new Output(out, globals.json()).emit(run, w -> w.print(text(run)));
        if (!run.ok()) {
            out.flush();
            throw Maintenance.failure(run);
        }
        return 0;
    }

    private static String text(MaintenanceRun run) {
        StringBuilder b = new StringBuilder();
        b.append(run.dryRun() ? "would maintain " : "maintained ").append(run.backend()).append(" store ")
                .append(run.target()).append(run.dryRun() ? "" : " in " + run.durationMs() + " ms").append('\n');
        if (run.steps().isEmpty()) {
            b.append("  nothing to do\n");
        }
        for (MaintenanceRun.Step step : run.steps()) {
            b.append("  ").append(step.action()).append(": ").append(step.result())
                    .append(run.dryRun() || step.result().startsWith("skipped") ? "" : " (" + step.durationMs() + " ms)")
                    .append('\n');
        }
        if (!run.dryRun() && run.ok()) {
            b.append("recorded in the maintenance log\n");
        }
        return b.toString();
    }
}
