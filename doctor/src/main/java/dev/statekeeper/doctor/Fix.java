package dev.statekeeper.doctor;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * What fixes a finding: {@code action} (the JSON key {@code do}) is the exact SQL or command, {@code undo} how to
 * revert it. A {@code safe} fix changes no record, takes no lock that would stop the store for long and can be
 * undone: {@code doctor --fix} applies those, through the backend's {@link DoctorBackend#apply}, and only those.
 */
public record Fix(boolean safe, @JsonProperty("do") String action, String undo) {
    public Fix {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(undo, "undo");
    }

    /** A fix {@code doctor --fix} applies: the backend runs {@code action} as it stands. */
    public static Fix safe(String action, String undo) {
        return new Fix(true, action, undo);
    }

    /** A fix for the operator to apply by hand, when the runbook says it is time. */
    public static Fix manual(String action, String undo) {
        return new Fix(false, action, undo);
    }
}
