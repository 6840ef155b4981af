package dev.statekeeper.cli.doctor;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.FixOutcome;
import dev.statekeeper.doctor.FixRun;
import dev.statekeeper.doctor.ReportText;
import dev.statekeeper.doctor.Selection;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code doctor --fix}: prints the report and each safe fix with its undo, asks (unless {@code --yes}), applies them
 * through the backend, says what each did, and runs the same checks again; the exit code follows that second report.
 * In JSON mode it prints one {@link FixRun} ({@code report}, {@code fixes}, {@code after}) instead.
 */
final class FixFlow {
    private final Globals globals;
    private final Settings settings;
    private final Selection selection;
    private final boolean yes;

    FixFlow(Globals globals, Settings settings, Selection selection, boolean yes) {
        this.globals = globals;
        this.settings = settings;
        this.selection = selection;
        this.yes = yes;
    }

    /** Runs the flow; returns the report the exit code follows. */
    DoctorReport run(DoctorReport report, String shape) {
        boolean json = shape.equals("json");
        PrintWriter out = globals.terminal().out();
        List<CheckResult> safe = Doctor.safeFixes(report);
        if (!json) {
            DoctorCommand.print(report, shape, out);
            out.println();
            if (safe.isEmpty()) {
                out.println("no safe fixes to apply");
            } else {
                StringBuilder b = new StringBuilder("safe fixes:\n");
                safe.forEach(f -> b.append("  ").append(f.id()).append(": ").append(f.fix().action()).append("\n    undo: ")
                        .append(f.fix().undo()).append('\n'));
                DoctorCommand.text(out, b.toString());
            }
            out.flush();
        }
        if (safe.isEmpty() || !(yes || Confirm.ask("apply " + safe.size() + " safe fix" + (safe.size() == 1 ? "" : "es")
                + "?", globals.terminal().in(), globals.terminal().err()))) {
            if (json) {
                out.println(new FixRun(report, List.of(), null).toJson());
            } else if (!safe.isEmpty()) {
                out.println("nothing applied");
            }
            return report;
        }
        List<FixOutcome> outcomes = Doctor.fix(settings, report);
        DoctorReport after = Doctor.run(settings, globals.terminal().clock(), selection);
        if (json) {
            out.println(new FixRun(report, outcomes, after).toJson());
        } else {
            StringBuilder b = new StringBuilder();
            outcomes.forEach(o -> b.append(o.applied() ? "applied " : "failed ").append(o.id()).append(": ")
                    .append(o.message()).append('\n'));
            b.append("after the fixes: ").append(ReportText.heading(after)).append('\n');
            DoctorCommand.text(out, b.toString());
        }
        return after;
    }
}
