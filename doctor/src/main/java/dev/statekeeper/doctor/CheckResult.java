package dev.statekeeper.doctor;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one check found, with the report's stable JSON keys: {@code id} and {@code title} of the check, its
 * {@code status}, the {@code severity} of a finding (null otherwise), the {@code evidence} (numbers and names, in
 * the order the check gave them), the {@code threshold} it compared against, a {@code message} for people, the
 * {@code runbook} (what to do, condensed from the seeds' runbooks), a {@link Fix} or null, and why it was
 * {@code skipped}. Built with {@link #of(Check)}.
 */
@JsonPropertyOrder({"id", "title", "status", "severity", "evidence", "threshold", "message", "runbook", "fix",
    "skipReason"})
public record CheckResult(String id, String title, CheckStatus status, Severity severity, Map<String, Object> evidence,
                          String threshold, String message, String runbook, Fix fix, String skipReason) {
    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        if ((status == CheckStatus.FINDING) != (severity != null)) {
            throw new IllegalArgumentException("check " + id + ": a finding has a severity, and only a finding ("
                    + status.wire() + ", " + severity + ")");
        }
        if ((status == CheckStatus.SKIPPED) != (skipReason != null)) {
            throw new IllegalArgumentException("check " + id + ": a skipped check has a skip reason, and only one");
        }
        evidence = evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    /** A result of the check: set what it found, then end with {@link Builder#ok}, {@link Builder#finding}... */
    public static Builder of(Check<?> check) {
        return new Builder(check.id(), check.title());
    }

    /** A result for a check known by id and title only (the framework's connection and error results). */
    public static Builder of(String id, String title) {
        return new Builder(id, title);
    }

    /** Whether this is a finding at {@code level} or worse. */
    public boolean atLeast(Severity level) {
        return status == CheckStatus.FINDING && severity.atLeast(level);
    }

    /** The same result with another status (the framework's error and skipped results). */
    CheckResult withStatus(CheckStatus newStatus, String newMessage, String reason) {
        return new CheckResult(id, title, newStatus, null, evidence, threshold, newMessage, runbook, null, reason);
    }

    /** Collects what a check found; the terminal methods build the result. */
    public static final class Builder {
        private final String id;
        private final String title;
        private final Map<String, Object> evidence = new LinkedHashMap<>();
        private String threshold;
        private String runbook;
        private Fix fix;

        private Builder(String id, String title) {
            this.id = Objects.requireNonNull(id, "id");
            this.title = Objects.requireNonNull(title, "title");
        }

        /** One piece of evidence: a number, a name, a flag or a list of them; null values are left out. */
        public Builder evidence(String key, Object value) {
            if (value != null) {
                evidence.put(key, value);
            }
            return this;
        }

        public Builder evidence(Map<String, ?> values) {
            values.forEach(this::evidence);
            return this;
        }

        /** What the check compares against, naming the setting: "free space >= 20 % (STATEKEEPER_...)". */
        public Builder threshold(String text) {
            this.threshold = text;
            return this;
        }

        public Builder runbook(String text) {
            this.runbook = text;
            return this;
        }

        public Builder fix(Fix value) {
            this.fix = value;
            return this;
        }

        public CheckResult ok(String message) {
            return new CheckResult(id, title, CheckStatus.OK, null, evidence, threshold, message, runbook, null, null);
        }

        public CheckResult finding(Severity severity, String message) {
            Objects.requireNonNull(severity, "severity");
            return new CheckResult(id, title, CheckStatus.FINDING, severity, evidence, threshold, message, runbook, fix,
                    null);
        }

        public CheckResult skipped(String reason) {
            Objects.requireNonNull(reason, "reason");
            return new CheckResult(id, title, CheckStatus.SKIPPED, null, evidence, threshold, reason, runbook, null,
                    reason);
        }

        public CheckResult error(String message) {
            return new CheckResult(id, title, CheckStatus.ERROR, null, evidence, threshold, message, runbook, null, null);
        }
    }
}
