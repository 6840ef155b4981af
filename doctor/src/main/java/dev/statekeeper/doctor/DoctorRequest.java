package dev.statekeeper.doctor;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.JsonProblem;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A doctor run asked for over HTTP ({@code GET /api/v1/doctor?check=ID&failOn=P2}) or MCP ({@code run_doctor}): which
 * checks, and the severity that fails it. Read as strictly as the CLI reads {@code --check} and {@code --fail-on}:
 * anything else is USAGE naming the parameter, with the value quoted (control characters escaped, long ones cut).
 */
public record DoctorRequest(Selection selection, Severity failOn) {
    /** The most checks one request may name (a backend has a few dozen). */
    public static final int MAX_CHECKS = 64;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /**
     * Reads the request; {@code checkName} and {@code failOnName} are the parameters as the interface spells them
     * ("check", "failOn"). No checks: every check; no failOn: P1, as the CLI.
     */
    public static DoctorRequest parse(List<String> checks, String failOn, String checkName, String failOnName) {
        List<String> ids = checks == null ? List.of() : checks;
        if (ids.size() > MAX_CHECKS) {
            throw usage(checkName + ": " + ids.size() + " checks named, at most " + MAX_CHECKS + " may be");
        }
        for (String id : ids) {
            if (id == null || !ID.matcher(id).matches()) {
                throw usage(checkName + " " + (id == null ? "null" : JsonProblem.quote(id)) + ": not a check id "
                        + "(lowercase letters, digits and '-', at most 64; the report lists the ids)");
            }
        }
        Severity level = Severity.P1;
        if (failOn != null) {
            Optional<Severity> parsed = failOn.length() > 8 ? Optional.empty() : Severity.parse(failOn);
            level = parsed.orElseThrow(() -> usage(failOnName + " " + JsonProblem.quote(failOn)
                    + ": use P0, P1, P2 or P3"));
        }
        return new DoctorRequest(ids.isEmpty() ? Selection.all() : Selection.of(ids), level);
    }

    /** The findings of the report at {@link #failOn} or worse. */
    public List<CheckResult> failing(DoctorReport report) {
        return report.atLeast(failOn);
    }

    private static StatekeeperException usage(String message) {
        return new StatekeeperException(ErrorCode.USAGE, message);
    }
}
