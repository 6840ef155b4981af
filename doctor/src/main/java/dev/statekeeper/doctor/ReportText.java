package dev.statekeeper.doctor;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A report for people: as plain text (the CLI's default) or Markdown (for a ticket or a chat), grouped by severity,
 * worst first, each finding with its evidence, threshold, runbook and fix; then the checks that could not run, the
 * skipped ones and the ones that passed. The JSON is {@link DoctorReport#toJson()}.
 */
public final class ReportText {
    private ReportText() {
    }

    /** The heading line: "sqlite store /path/state.db: 11 checks in 85 ms: 1 P1, 9 ok, 1 skipped". */
    public static String heading(DoctorReport report) {
        return report.backend() + " store " + report.target() + ": " + report.checks().size() + " checks in "
                + report.durationMs() + " ms: " + report.summary().line();
    }

    public static String text(DoctorReport report) {
        StringBuilder b = new StringBuilder(heading(report)).append('\n');
        for (Severity severity : Severity.values()) {
            List<CheckResult> findings = of(report, severity);
            if (!findings.isEmpty()) {
                b.append('\n').append(severity).append(' ').append(severity.meaning()).append(" (respond ")
                        .append(severity.responseTime()).append(")\n");
                findings.forEach(f -> finding(b, f));
            }
        }
        List<CheckResult> errors = with(report, CheckStatus.ERROR);
        if (!errors.isEmpty()) {
            b.append("\ncould not run\n");
            errors.forEach(c -> b.append("  ").append(c.id()).append(": ").append(c.message()).append('\n'));
        }
        List<CheckResult> skipped = with(report, CheckStatus.SKIPPED);
        if (!skipped.isEmpty()) {
            b.append("\nskipped\n");
            skipped.forEach(c -> b.append("  ").append(c.id()).append(": ").append(c.skipReason()).append('\n'));
        }
        List<CheckResult> ok = with(report, CheckStatus.OK);
        if (!ok.isEmpty()) {
            b.append("\nok: ").append(ok.stream().map(CheckResult::id).collect(Collectors.joining(", "))).append('\n');
        }
        return b.toString();
    }

    public static String markdown(DoctorReport report) {
        StringBuilder b = new StringBuilder("# Statekeeper doctor: ").append(report.backend()).append(" store `")
                .append(report.target()).append("`\n\n").append(report.startedAt()).append(", ")
                .append(report.durationMs()).append(" ms: **").append(report.summary().line()).append("**\n");
        for (Severity severity : Severity.values()) {
            for (CheckResult f : of(report, severity)) {
                b.append("\n## ").append(severity).append(" `").append(f.id()).append("`: ").append(f.title())
                        .append("\n\n").append(f.message()).append("\n\n");
                if (!f.evidence().isEmpty()) {
                    b.append("- **evidence**: ").append(evidence(f.evidence(), "`")).append('\n');
                }
                if (f.threshold() != null) {
                    b.append("- **threshold**: ").append(f.threshold()).append('\n');
                }
                b.append("- **runbook**: ").append(f.runbook()).append('\n');
                if (f.fix() != null) {
                    b.append("- **fix**").append(f.fix().safe() ? " (safe, `doctor --fix` applies it)" : "")
                            .append(": `").append(f.fix().action()).append("`; undo: ").append(f.fix().undo()).append('\n');
                }
            }
        }
        section(b, "Could not run", with(report, CheckStatus.ERROR), false);
        section(b, "Skipped", with(report, CheckStatus.SKIPPED), true);
        List<CheckResult> ok = with(report, CheckStatus.OK);
        if (!ok.isEmpty()) {
            b.append("\n## OK\n\n").append(ok.stream().map(c -> "`" + c.id() + "`").collect(Collectors.joining(", ")))
                    .append('\n');
        }
        return b.toString();
    }

    private static void finding(StringBuilder b, CheckResult f) {
        b.append("  ").append(f.id()).append(": ").append(f.message()).append('\n');
        if (!f.evidence().isEmpty()) {
            b.append("    evidence: ").append(evidence(f.evidence(), "")).append('\n');
        }
        if (f.threshold() != null) {
            b.append("    threshold: ").append(f.threshold()).append('\n');
        }
        b.append("    runbook: ").append(f.runbook()).append('\n');
        if (f.fix() != null) {
            b.append("    fix").append(f.fix().safe() ? " (safe: doctor --fix applies it)" : "").append(": ")
                    .append(f.fix().action()).append('\n');
            b.append("    undo: ").append(f.fix().undo()).append('\n');
        }
    }

    private static void section(StringBuilder b, String title, List<CheckResult> checks, boolean skipped) {
        if (!checks.isEmpty()) {
            b.append("\n## ").append(title).append("\n\n");
            checks.forEach(c -> b.append("- `").append(c.id()).append("`: ")
                    .append(skipped ? c.skipReason() : c.message()).append('\n'));
        }
    }

    private static String evidence(Map<String, Object> evidence, String quote) {
        return evidence.entrySet().stream().map(e -> quote + e.getKey() + quote + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static List<CheckResult> of(DoctorReport report, Severity severity) {
        return report.checks().stream().filter(c -> c.status() == CheckStatus.FINDING && c.severity() == severity).toList();
    }

    private static List<CheckResult> with(DoctorReport report, CheckStatus status) {
        return report.checks().stream().filter(c -> c.status() == status).toList();
    }
}
