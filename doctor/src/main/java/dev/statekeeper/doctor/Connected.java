package dev.statekeeper.doctor;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.ExitStatus;
import dev.statekeeper.core.error.StatekeeperException;

import java.util.Objects;

/**
 * What {@link DoctorBackend#connect} gives: the handle the checks use (null when there is none), the result of the
 * {@code connection} check, and whether the store could be reached at all. A store that is reached but unusable
 * (a file that is not a database) is reachable: {@code doctor} exits 6 for it, and 5 only for one it cannot reach.
 *
 * @param <H> the backend's handle
 */
public record Connected<H extends AutoCloseable>(H handle, CheckResult result, boolean reachable) {
    /** The id of the check every backend reports first. */
    public static final String ID = "connection";
    /** Its title. */
    public static final String TITLE = "The store can be reached";

    public Connected {
        Objects.requireNonNull(result, "result");
        if (!result.id().equals(ID)) {
            throw new IllegalArgumentException("the connection result must have the id '" + ID + "', not '"
                    + result.id() + "'");
        }
    }

    /** The store answered: the checks run on {@code handle}. */
    public static <H extends AutoCloseable> Connected<H> to(H handle, CheckResult result) {
        return new Connected<>(Objects.requireNonNull(handle, "handle"), result, true);
    }

    /**
     * The store could not be used: a P0 finding saying why, with the failure's error code in the evidence and its fix
     * after {@code runbook}. Unreachable (exit 5) when the code's exit status is 5, else reached but unusable (6).
     */
    public static <H extends AutoCloseable> Connected<H> failed(StatekeeperException failure, String runbook) {
        ErrorCode code = failure.code();
        CheckResult result = CheckResult.of(ID, TITLE).evidence("error", code.wire())
                .threshold("the store opens and answers a query")
                .runbook(runbook + (runbook.isEmpty() ? "" : "; ") + code.fix())
                .finding(Severity.P0, failure.getMessage());
        return new Connected<>(null, result, code.exitStatus() != ExitStatus.UNAVAILABLE);
    }

    /** A builder for the connection's result. */
    public static CheckResult.Builder check() {
        return CheckResult.of(ID, TITLE);
    }
}
