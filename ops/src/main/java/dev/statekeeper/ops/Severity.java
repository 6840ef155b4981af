package dev.statekeeper.ops;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * How bad a finding is: an error makes {@code db verify} fail (exit 6); a warning is reported and allowed; an info
 * is a note about what could not be checked, not a problem.
 */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
