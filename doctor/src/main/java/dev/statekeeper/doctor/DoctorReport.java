package dev.statekeeper.doctor;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of the doctor, with the stable JSON keys of {@link #toJson()}: the {@code backend}, the {@code target}
 * (where the store is, passwords masked), when it started, how long it took, the {@link Summary} and every
 * {@link CheckResult} in the order the checks ran ({@code connection} first). {@code reachable} (not in the JSON)
 * is false when the store could not be reached at all: {@code doctor} then exits 5, not 6.
 */
@JsonPropertyOrder({"backend", "target", "startedAt", "durationMs", "summary", "checks"})
public record DoctorReport(String backend, String target, Instant startedAt, long durationMs,
                           List<CheckResult> checks, @JsonIgnore boolean reachable) {
    public DoctorReport {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(startedAt, "startedAt");
        checks = List.copyOf(checks);
    }

    /** How many checks ended how. */
    @JsonProperty("summary")
    public Summary summary() {
        return Summary.of(checks);
    }

    /** The findings at {@code level} or worse, worst first. */
    public List<CheckResult> atLeast(Severity level) {
        return checks.stream().filter(c -> c.atLeast(level)).sorted(Comparator.comparing(CheckResult::severity)).toList();
    }

    /** The worst finding (the first of the checks at the worst severity), if there is one. */
    public Optional<CheckResult> worst() {
        return atLeast(Severity.P3).stream().findFirst();
    }

    /** The result of the check with this id, if it ran. */
    public Optional<CheckResult> check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The report as the stable JSON every interface prints (CLI {@code --json}, HTTP, MCP), pretty-printed. */
    public String toJson() {
        return DoctorJson.pretty(this);
    }
}
