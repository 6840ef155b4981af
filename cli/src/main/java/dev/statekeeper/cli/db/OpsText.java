package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Globals;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.ops.VerifyReport;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;

/** How {@code db verify} and {@code db recover} print findings, and how they fail when errors remain. */
final class OpsText {
    private OpsText() {
    }

    /** One line per finding, then the summary. */
    static void print(VerifyReport report, PrintWriter out) {
        report.findings().forEach(f -> out.println(f.line()));
        out.println(report.summary());
    }

    static void lines(String prefix, List<String> lines, PrintWriter out) {
        lines.forEach(line -> out.println(prefix + line));
    }

    /** What the root command gives every command: the terminal, --json and the settings. */
    static Globals globals(CommandSpec spec) {
        return (Globals) spec.root().userObject();
    }

    /**
     * Exit 6 when errors remain: printed after the findings, so the findings (stdout) and the failure (stderr)
     * both reach the operator.
     */
    static void failOnErrors(VerifyReport report, String when) {
        if (!report.clean()) {
            throw new StatekeeperException(ErrorCode.VERIFY_FAILED, report.errors() + " error" + (report.errors() == 1 ? "" : "s")
                    + " " + when + " in " + report.backend() + " store '" + report.location() + "'; each finding says "
                    + "how to fix it");
        }
    }
}
