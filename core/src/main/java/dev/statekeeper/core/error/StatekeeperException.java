package dev.statekeeper.core.error;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one exception Statekeeper throws. It carries an {@link ErrorCode} (and through it the CLI exit code
 * and HTTP status), a message that names the thing involved, the violations of a failed validation and
 * free-form details (ids, counts) for machine-readable output.
 */
public class StatekeeperException extends RuntimeException {
    private final ErrorCode code;
    private final List<Violation> violations;
    private final Map<String, Object> details;

    /**
     * An exception without violations, details or cause.
     *
     * @param code    what went wrong
     * @param message what happened, naming the thing involved
     */
    public StatekeeperException(ErrorCode code, String message) {
        this(code, message, List.of(), Map.of(), null);
    }

    /**
     * An exception caused by another (a driver's, an I/O error).
     *
     * @param code    what went wrong
     * @param message what happened, naming the thing involved
     * @param cause   the underlying failure, or null
     */
    public StatekeeperException(ErrorCode code, String message, Throwable cause) {
        this(code, message, List.of(), Map.of(), cause);
    }

    /**
     * An exception with everything it may carry.
     *
     * @param code       what went wrong
     * @param message    what happened, naming the thing involved
     * @param violations the broken rules of a failed validation (copied)
     * @param details    machine-readable details (copied)
     * @param cause      the underlying failure, or null
     * @throws NullPointerException when the code, message, violations or details are null
     */
    public StatekeeperException(ErrorCode code, String message, List<Violation> violations,
                                Map<String, Object> details, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.violations = List.copyOf(violations);
        this.details = Map.copyOf(details);
    }

    /**
     * What went wrong: the code callers branch on.
     *
     * @return the code
     */
    public ErrorCode code() {
        return code;
    }

    /**
     * The broken rules of a failed validation, one per field.
     *
     * @return the violations, empty for other failures
     */
    public List<Violation> violations() {
        return violations;
    }

    /**
     * Machine-readable details, such as {@code candidates} and {@code match} of {@link ErrorCode#AMBIGUOUS_NAME}.
     *
     * @return the details, often empty
     */
    public Map<String, Object> details() {
        return details;
    }

    /**
     * A not-found failure: "WHAT not found".
     *
     * @param code the not-found code
     * @param what the thing looked for: {@code loop 'abc12345'}
     * @return the exception
     */
    public static StatekeeperException notFound(ErrorCode code, String what) {
        return new StatekeeperException(code, what + " not found");
    }

    /**
     * A {@link ErrorCode#VALIDATION_FAILED} failure listing every violation; the message names each field, value
     * and rule: "invalid loop (2 problems): project = (missing): is required; ...".
     *
     * @param subject    what was checked: {@code loop}
     * @param violations the broken rules, at least one
     * @return the exception
     */
    public static StatekeeperException invalid(String subject, List<Violation> violations) {
        return invalid(ErrorCode.VALIDATION_FAILED, subject, violations);
    }

    /**
     * A validation failure of another code ({@link ErrorCode#FROZEN_FIELD}, {@link ErrorCode#CONFIG_INVALID}),
     * worded as {@link #invalid(String, List)}.
     *
     * @param code       the code
     * @param subject    what was checked
     * @param violations the broken rules, at least one
     * @return the exception
     */
    public static StatekeeperException invalid(ErrorCode code, String subject, List<Violation> violations) {
        String message = violations.size() == 1
                ? "invalid " + subject + ": " + violations.getFirst()
                : "invalid " + subject + " (" + violations.size() + " problems): "
                        + String.join("; ", violations.stream().map(Violation::toString).toList());
        return new StatekeeperException(code, message, violations, Map.of(), null);
    }
}
