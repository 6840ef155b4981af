package dev.statekeeper.cli.perf;

import dev.statekeeper.cli.support.Table;
import dev.statekeeper.core.perf.OperationStats;
import dev.statekeeper.core.perf.PerfReport;
import dev.statekeeper.core.perf.SlowOperation;

import java.io.PrintWriter;
import java.util.Locale;

/** {@code perf} and {@code perf slow} as text for people. */
final class PerfText {
    private PerfText() {
    }

    static void report(PerfReport report, PrintWriter out) {
        String what = report.operation() == null ? "operations" : report.operation();
        if (report.operations().isEmpty()) {
            out.println("no " + what + " since " + report.since());
        } else {
            out.println(what + " since " + report.since() + " (milliseconds; p50/p95/p99 within 1 %):");
            Table table = new Table("OPERATION", "COUNT", "ERRORS", "FAULTS", "AVG", "P50", "P95", "P99", "MAX");
            for (OperationStats s : report.operations()) {
                table.row(s.operation(), s.count(), s.errors(), s.faults(), ms(s.avgMs()), ms(s.p50Ms()),
                        ms(s.p95Ms()), ms(s.p99Ms()), ms(s.maxMs()));
            }
            table.print(out);
        }
        out.println();
        slow(report, out);
        notes(report, out);
    }

    static void slow(PerfReport report, PrintWriter out) {
        String of = report.operation() == null ? "" : report.operation() + " ";
        if (report.slowest().isEmpty()) {
            out.println("no " + of + "operation took " + report.slowThresholdMs() + " ms or more since "
                    + report.since() + " (STATEKEEPER_SLOW_OPERATION_MS)");
            return;
        }
        out.println("slowest " + of + "operations (" + report.slowThresholdMs()
                + " ms or more, STATEKEEPER_SLOW_OPERATION_MS):");
        Table table = new Table("AT", "OPERATION", "MS", "OUTCOME", "ATTEMPTS", "POOL WAIT", "INSTANCE", "REQUEST");
        for (SlowOperation s : report.slowest()) {
            table.row(s.at(), s.operation(), ms(s.durationMs()), s.outcome(), s.attempts(), ms(s.poolWaitMs()),
                    s.instance(), s.requestId());
        }
        table.print(out);
    }

    static void notes(PerfReport report, PrintWriter out) {
        if (!report.persistent()) {
            out.println("this process only: the operation log is not kept in the store (memory backend, or "
                    + "STATEKEEPER_OPLOG=false), so it shows what this process ran");
        }
        if (report.problem() != null) {
            out.println("the stored operation log has a problem: " + report.problem());
        }
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
