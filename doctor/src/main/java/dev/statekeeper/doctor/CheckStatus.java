package dev.statekeeper.doctor;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a check ended: {@code ok}, {@code finding} (with a severity), {@code skipped} (with the reason) or {@code error}. */
public enum CheckStatus {
    /** It ran and found nothing wrong. */
    OK,
    /** It ran and found a problem; the result has a {@link Severity}. */
    FINDING,
    /** It did not apply or could not be asked (no backup yet, a privilege missing, no time left): the reason says. */
    SKIPPED,
    /** It failed or ran out of time: the message says why; the other checks still ran. */
    ERROR;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
