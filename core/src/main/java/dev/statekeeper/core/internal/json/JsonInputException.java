package dev.statekeeper.core.internal.json;

import dev.statekeeper.core.error.Violation;

import java.util.Map;

/**
 * JSON from outside that {@link StrictJson} refused: not UTF-8, malformed, too deep, or holding a value no backend
 * could keep as written. Checked, so each reader words it for its input ("invalid spec JSON (stdin): ...").
 */
public final class JsonInputException extends Exception {
    private final transient Violation violation;
    private final transient Map<String, Object> details;

    JsonInputException(String message, String field, Map<String, Object> details) {
        super(message, null, false, false);
        this.violation = new Violation(field, null, message);
        this.details = Map.copyOf(details);
    }

    /** The field ({@code (document)} when the problem is not in one) and the problem, for error details. */
    public Violation violation() {
        return violation;
    }

    /** Where it is: {@code line} and {@code column}, {@code offset} for a byte, or {@code field}. */
    public Map<String, Object> details() {
        return details;
    }
}
