package dev.statekeeper.doctor;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How bad a finding is, in seed 003's levels, each with the time within which someone should respond. P0 is the
 * worst; {@link #atLeast} compares by badness, so {@code --fail-on P1} fails on P0 and P1.
 */
public enum Severity {
    /** Complete outage: the store cannot be used. */
    P0("outage", "at once (< 5 min)"),
    /** Severe degradation: failures or data at risk. */
    P1("severe degradation", "< 15 min"),
    /** Moderate: slower, or heading for trouble. */
    P2("moderate", "< 1 h"),
    /** Minor: plan an improvement for a maintenance window. */
    P3("minor", "< 4 h");

    private final String meaning;
    private final String responseTime;

    Severity(String meaning, String responseTime) {
        this.meaning = meaning;
        this.responseTime = responseTime;
    }

    /** What the level means, in a few words: "severe degradation". */
    public String meaning() {
        return meaning;
    }

    /** How soon to respond: "< 15 min". */
    public String responseTime() {
        return responseTime;
    }

    /** Whether this is as bad as {@code other} or worse: P0 is at least P1, P2 is not. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /** The level a name gives, in any case ("p1", "P1"); empty for anything else. */
    public static Optional<Severity> parse(String name) {
        String upper = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(upper)).findFirst();
    }
}
