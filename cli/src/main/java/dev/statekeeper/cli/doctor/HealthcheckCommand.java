package dev.statekeeper.cli.doctor;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code statekeeper healthcheck}: the doctor's cheap checks (none scans a table), quiet, for cron, a container's
 * HEALTHCHECK and exec probes: nothing and exit 0 when healthy, one line naming the worst finding and exit 6, or
 * the reason and exit 5 when the store cannot be reached.
 */
@Command(name = "healthcheck", description = {
    "Quick health check for cron, a container HEALTHCHECK or an exec probe: the doctor's cheap checks only (no table "
            + "scan, no hashing of backups), in milliseconds whatever the number of records.",
    "Prints nothing and exits 0 when healthy; prints one line naming the worst finding and exits 6 when a finding is "
            + "at --fail-on or worse; exits 5 when the store cannot be reached. --json prints the report instead."})
public final class HealthcheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "P1",
            description = "unhealthy at this severity or worse: P0, P1, P2 or P3 (default P1)")
    Severity failOn;

    @Override
    public Integer call() {
        Globals globals = (Globals) spec.root().userObject();
        DoctorReport report = Doctor.run(globals.settings(), globals.terminal().clock(), Selection.cheap());
        Verdict verdict = Verdict.of(report, failOn);
        PrintWriter out = globals.terminal().out();
        if (globals.json()) {
            out.println(report.toJson());
        } else if (verdict.line() != null) {
            DoctorCommand.text(out, verdict.line() + "\n");
        }
        return verdict.status().code();
    }
}
