package dev.statekeeper.cli.doctor;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.ExitStatus;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Connected;
import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.Severity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a report means for the exit code: 5 when the store could not be reached (the {@code connection} finding says
 * why, with the error code it failed with), 6 when a finding is at {@code failOn} or worse, else 0.
 */
record Verdict(ExitStatus status, String line, StatekeeperException failure) {
    static Verdict of(DoctorReport report, Severity failOn) {
        CheckResult connection = report.check(Connected.ID).orElseThrow();
        if (!report.reachable()) {
            ErrorCode code = code(connection).filter(c -> c.exitStatus() == ExitStatus.UNAVAILABLE)
                    .orElse(ErrorCode.BACKEND_UNAVAILABLE);
            return new Verdict(ExitStatus.UNAVAILABLE, line(connection), new StatekeeperException(code,
                    "the doctor cannot reach the store: " + connection.message()));
        }
        List<CheckResult> failing = report.atLeast(failOn);
        if (failing.isEmpty()) {
            return new Verdict(ExitStatus.SUCCESS, null, null);
        }
        CheckResult worst = failing.getFirst();
        return new Verdict(ExitStatus.INTEGRITY, line(worst), new StatekeeperException(ErrorCode.DOCTOR_FINDINGS,
                failing.size() + (failing.size() == 1 ? " finding" : " findings") + " at " + failOn + " or worse; the "
                        + "worst: " + line(worst)));
    }

    /** "P1 disk-space: only 3.2 % free on ...". */
    static String line(CheckResult finding) {
        return finding.severity() + " " + finding.id() + ": " + finding.message();
    }

    private static Optional<ErrorCode> code(CheckResult connection) {
        Object wire = connection.evidence().get("error");
        return Arrays.stream(ErrorCode.values()).filter(c -> c.wire().equals(wire)).findFirst();
    }
}
