package dev.statekeeper.doctor;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * {@code doctor --fix}: the report the fixes were chosen from, what each fix did, and the report of the same checks
 * run again after them (null when nothing was applied).
 */
@JsonPropertyOrder({"report", "fixes", "after"})
public record FixRun(DoctorReport report, List<FixOutcome> fixes, DoctorReport after) {
    public FixRun {
        fixes = List.copyOf(fixes);
    }

    public String toJson() {
        return DoctorJson.pretty(this);
    }
}
