package dev.statekeeper.doctor.maintain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;

/**
 * One run of {@code db maintain}: the backend and where the store is, when it started, how long it took, whether it
 * was a dry run, each step (what it ran, how long it took, what came of it) and the result: {@code ok}, or
 * {@code failed: REASON} (the steps after a failed one do not run).
 */
@JsonPropertyOrder({"backend", "target", "startedAt", "durationMs", "dryRun", "result", "steps"})
public record MaintenanceRun(String backend, String target, Instant startedAt, long durationMs, boolean dryRun,
                             String result, List<Step> steps) {
    public MaintenanceRun {
        steps = List.copyOf(steps);
    }

    /** One statement or file operation: what it does, how long it took (0 in a dry run) and its outcome. */
    @JsonPropertyOrder({"action", "durationMs", "result"})
    public record Step(String action, long durationMs, String result) {
    }

    public boolean ok() {
        return result.equals("ok");
    }

    /** "PRAGMA optimize; ANALYZE; ..." as the log keeps it. */
    public String actions() {
        return String.join("; ", steps.stream().filter(s -> !s.result().startsWith("skipped"))
                .map(Step::action).toList());
    }
}
