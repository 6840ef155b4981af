package dev.statekeeper.ops;

import java.util.List;

/**
 * What {@code db verify} found in one store: the backend, where the store is (passwords masked), whether there
 * was anything to check at all (a memory store has nothing), and the findings in the order they were found.
 */
public record VerifyReport(String backend, String location, boolean checked, List<Finding> findings) {
    public VerifyReport {
        findings = List.copyOf(findings);
    }

    /** A store that keeps nothing outside the process (memory): nothing to verify. */
    public static VerifyReport nothingToCheck(String backend, String location) {
        return new VerifyReport(backend, location, false, List.of());
    }

    public long errors() {
        return findings.stream().filter(Finding::isError).count();
    }

    public long warnings() {
        return findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    }

    /** The info findings: notes about what could not be checked, not problems. */
    public long notes() {
        return findings.stream().filter(f -> f.severity() == Severity.INFO).count();
    }

    /** No errors (warnings are allowed). */
    public boolean clean() {
        return errors() == 0;
    }

    /**
     * {@code sqlite store '/x/state.db': 2 errors, 1 warning} or {@code ...: no problems found}; notes are counted
     * after them ({@code ...: no problems found, 1 note}; {@code ...: 0 errors, 1 warning, 2 notes}).
     */
    public String summary() {
        String store = backend + " store '" + location + "'";
        if (!checked) {
            return store + ": nothing to verify (its state lives only in the process that holds it)";
        }
        long notes = notes();
        String noted = notes == 0 ? "" : ", " + count(notes, "note");
        if (findings.size() == notes) {
            return store + ": no problems found" + noted;
        }
        return store + ": " + count(errors(), "error") + ", " + count(warnings(), "warning") + noted;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
