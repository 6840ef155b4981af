package dev.statekeeper.doctor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * How many checks ended how: findings per severity, {@code ok}, {@code skipped}, and {@code error} (checks that
 * failed or ran out of time, which have no severity).
 */
@JsonPropertyOrder({"P0", "P1", "P2", "P3", "ok", "skipped", "error"})
public record Summary(@JsonProperty("P0") int p0, @JsonProperty("P1") int p1, @JsonProperty("P2") int p2,
                      @JsonProperty("P3") int p3, int ok, int skipped, int error) {
    public static Summary of(List<CheckResult> checks) {
        return new Summary(count(checks, Severity.P0), count(checks, Severity.P1), count(checks, Severity.P2),
                count(checks, Severity.P3), count(checks, CheckStatus.OK), count(checks, CheckStatus.SKIPPED),
                count(checks, CheckStatus.ERROR));
    }

    /** The findings of one severity. */
    public int findings(Severity severity) {
        return switch (severity) {
            case P0 -> p0;
            case P1 -> p1;
            case P2 -> p2;
            case P3 -> p3;
        };
    }

    /** "1 P1, 2 P3, 9 ok, 1 skipped" (kinds with none left out; "no checks" when there are none). */
    public String line() {
        StringBuilder b = new StringBuilder();
        for (Severity s : Severity.values()) {
            append(b, findings(s), s.name());
        }
        append(b, ok, "ok");
        append(b, skipped, "skipped");
        append(b, error, error == 1 ? "error" : "errors");
        return b.isEmpty() ? "no checks" : b.toString();
    }

    private static void append(StringBuilder b, int n, String what) {
        if (n > 0) {
            b.append(b.isEmpty() ? "" : ", ").append(n).append(' ').append(what);
        }
    }

    private static int count(List<CheckResult> checks, Severity severity) {
        return (int) checks.stream().filter(c -> c.status() == CheckStatus.FINDING && c.severity() == severity).count();
    }

    private static int count(List<CheckResult> checks, CheckStatus status) {
        return (int) checks.stream().filter(c -> c.status() == status).count();
    }
}
