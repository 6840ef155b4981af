package dev.statekeeper.cli.doctor;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.cli.support.TerminalText;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.ReportText;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code statekeeper doctor}: runs the checks of the configured backend on a connection of its own and prints the
 * report grouped by severity; exit 0, 6 when a finding is at {@code --fail-on} or worse, 5 when the store cannot be
 * reached. {@code --fix} applies the safe fixes ({@link FixFlow}).
 */
@Command(name = "doctor", description = {
    "Diagnose the store: run every check that applies to the configured backend on a read-only connection of its own "
            + "(never the store's pool) and print a report grouped by severity, P0 (outage, respond < 5 min) to P3 "
            + "(minor, < 4 h), each finding with its evidence, the threshold it crossed, a runbook and a fix.",
    "SQLite: connection, integrity, foreign-keys, journal-mode, freelist, wal-size, stats-age, disk-space, migrations. "
            + "json: connection, parse, file-size, disk-space, lock. PostgreSQL: connection, server-connections, "
            + "pool-usage, long-running-queries, idle-in-transaction, blocked-queries, xid-wraparound, mxid-wraparound, "
            + "sequence-exhaustion, invalid-indexes, dead-tuples, vacuum-age, analyze-age, unused-indexes, "
            + "duplicate-indexes, missing-fk-indexes, pg-trgm, ssl, slow-queries, table-bloat, index-bloat, disk-space, "
            + "replication, cache-hit-ratio, index-hit-ratio, migrations. Every backend: backup-age, backup-integrity, "
            + "maintenance-age.",
    "pool-usage judges the pool of the process that serves the store: here it is skipped; ask the running server "
            + "(GET /api/v1/doctor?check=pool-usage, or the MCP tool run_doctor).",
    "Thresholds are settings (STATEKEEPER_DOCTOR_*, STATEKEEPER_BACKUP_INTERVAL: see 'statekeeper --help').",
    "Exits 0 when no finding is at --fail-on or worse, 6 when one is, 5 when the store cannot be reached (the report "
            + "still says why, as a P0 connection finding)."})
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json (as --json) or markdown")
    String format;

    @Option(names = "--check", paramLabel = "ID", description = "run only this check (repeatable); "
            + "'--check integrity' runs SQLite's full integrity_check instead of quick_check")
    List<String> checks = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "P1",
            description = "exit 6 when a finding is at this severity or worse: P0, P1, P2 or P3 (default P1)")
    Severity failOn;

    @Option(names = "--fix", description = "apply the safe fixes (SQLite PRAGMA optimize, WAL checkpoint), each "
            + "printed with its undo, after asking; then run the checks again")
    boolean fix;

    @Option(names = "--yes", description = "with --fix: apply without asking")
    boolean yes;

    @Override
    public Integer call() {
        Globals globals = (Globals) spec.root().userObject();
        String shape = shape(globals.json());
        if (yes && !fix) {
            throw usage("--yes goes with --fix");
        }
        Settings settings = globals.settings();
        Selection selection = checks.isEmpty() ? Selection.all() : Selection.of(checks);
        DoctorReport report = Doctor.run(settings, globals.terminal().clock(), selection);
        PrintWriter out = globals.terminal().out();
        if (fix) {
            report = new FixFlow(globals, settings, selection, yes).run(report, shape);
        } else {
            print(report, shape, out);
        }
        Verdict verdict = Verdict.of(report, failOn);
        if (verdict.failure() != null) {
            out.flush();
            throw verdict.failure();
        }
        return 0;
    }

    static void print(DoctorReport report, String shape, PrintWriter out) {
        switch (shape) {
            case "json" -> out.println(report.toJson());
            case "markdown" -> text(out, ReportText.markdown(report));
            default -> text(out, ReportText.text(report));
        }
    }

    /** Text for people, with control characters escaped ({@link TerminalText}). */
    static void text(PrintWriter out, String text) {
        TerminalText safe = TerminalText.of(out);
        safe.print(text);
        safe.flush();
    }

    private String shape(boolean json) {
        String given = format == null ? null : format.trim().toLowerCase(Locale.ROOT);
        if (given != null && !List.of("text", "json", "markdown").contains(given)) {
            throw usage("--format " + format + ": use text, json or markdown");
        }
        if (json && given != null && !given.equals("json")) {
            throw usage("--json and --format " + given + " ask for two formats: use one");
        }
        return json ? "json" : given == null ? "text" : given;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
