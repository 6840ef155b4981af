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

    public StatekeeperException(ErrorCode code, String message) {
        this(code, message, List.of(), Map.of(), null);
    }

    public StatekeeperException(ErrorCode code, String message, Throwable cause) {
        this(code, message, List.of(), Map.of(), cause);
    }

    public StatekeeperException(ErrorCode code, String message, List<Violation> violations,
                                Map<String, Object> details, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.violations = List.copyOf(violations);
        this.details = Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static StatekeeperException notFound(ErrorCode code, String what) {
        return new StatekeeperException(code, what + " not found");
    }

    /** A validation failure listing every violation; the message names each field, value and rule. */
    public static StatekeeperException invalid(String subject, List<Violation> violations) {
        return invalid(ErrorCode.VALIDATION_FAILED, subject, violations);
    }

    public static StatekeeperException invalid(ErrorCode code, String subject, List<Violation> violations) {
        String message = violations.size() == 1
                ? "invalid " + subject + ": " + violations.getFirst()
                : "invalid " + subject + " (" + violations.size() + " problems): "
                        + String.join("; ", violations.stream().map(Violation::toString).toList());
        return new StatekeeperException(code, message, violations, Map.of(), null);
    }
}
