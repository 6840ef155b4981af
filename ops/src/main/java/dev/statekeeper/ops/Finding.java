package dev.statekeeper.ops;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Objects;

/**
 * One problem {@code db verify} found: how bad it is, which {@link Check} found it (shown by its stable wire
 * name, such as {@code orphans} or {@code integrity}), where it is (a file, a table and key, a JSON path), what
 * is wrong and how to fix it.
 */
public record Finding(Severity severity, Check check, String where, String what, String fix) {
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(fix, "fix");
    }

    public static Finding error(Check check, String where, String what, String fix) {
        return new Finding(Severity.ERROR, check, where, what, fix);
    }

    public static Finding warning(Check check, String where, String what, String fix) {
        return new Finding(Severity.WARNING, check, where, what, fix);
    }

    /** A note, not a problem: what a check could not look at and why that is fine. */
    public static Finding info(Check check, String where, String what, String fix) {
        return new Finding(Severity.INFO, check, where, what, fix);
    }

    @JsonIgnore
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The finding on one line: {@code error: critic_feedback loop_id='x': 3 feedback entries ...; fix: ...}. */
    public String line() {
        return severity.wire() + ": " + where + ": " + what + "; fix: " + fix;
    }
}
