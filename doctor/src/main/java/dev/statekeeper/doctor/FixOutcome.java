package dev.statekeeper.doctor;

import java.util.Objects;

/** What {@code doctor --fix} did about one finding: the check, what it ran, how to undo it, and how it went. */
public record FixOutcome(String id, String action, String undo, boolean applied, String message) {
    public FixOutcome {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(message, "message");
    }

    /** The fix of {@code finding} ran; {@code message} says what it changed. */
    public static FixOutcome applied(CheckResult finding, String message) {
        return new FixOutcome(finding.id(), finding.fix().action(), finding.fix().undo(), true, message);
    }

    /** The fix of {@code finding} failed or was refused; {@code message} says why. */
    public static FixOutcome failed(CheckResult finding, String message) {
        return new FixOutcome(finding.id(), finding.fix().action(), finding.fix().undo(), false, message);
    }
}
