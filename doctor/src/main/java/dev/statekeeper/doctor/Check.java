package dev.statekeeper.doctor;

/**
 * One diagnostic check: the unit a backend contributes through its {@link DoctorBackend}. A check reads, never
 * writes: it works on the doctor's own connection to the store ({@code handle}, which the backend opened
 * read-only), or on files and settings, and describes what it finds as a {@link CheckResult} built with
 * {@link CheckResult#of(Check)}. A check that throws becomes {@link CheckStatus#ERROR} with the exception's
 * message, one that runs past {@link CheckContext#checkTimeout()} too; the other checks still run.
 *
 * <p>Rules for a good check: a stable {@link #id()} (lower case with dashes; the {@code --check} name and the JSON
 * {@code id}, never renamed); every threshold a {@link dev.statekeeper.core.config.Setting} read through the
 * context and named in {@link CheckResult.Builder#threshold}; evidence as numbers and names, never a password;
 * a runbook in every finding; no finding on a freshly initialized store or after an ordinary workload at P2 or
 * above; {@code skipped} with the reason (and the GRANT or command to run) when it cannot ask, never a finding.
 *
 * @param <H> the backend's handle: its one connection, or anything else the backend opened
 *            ({@link DoctorBackend#connect}); {@code Object} for checks that need none ({@link #needsConnection()})
 */
public interface Check<H> {
    /** The stable name: {@code --check ID}, the {@code id} in the report. */
    String id();

    /** What it checks, in a few words: "Free disk space". */
    String title();

    /**
     * Whether it is fast and independent of the number of records (no table scan, no hashing of a large file):
     * {@code healthcheck} runs only these.
     */
    boolean cheap();

    /** Whether it needs the store reached: false for checks of files beside it (backups), which run regardless. */
    default boolean needsConnection() {
        return true;
    }

    /**
     * Whether it reads the store's operation log ({@link CheckContext#operationLog()}): the doctor opens the stored
     * log only when a selected check does.
     */
    default boolean readsOperationLog() {
        return false;
    }

    /**
     * Runs the check. {@code handle} is the backend's open handle, or null when the store could not be reached and
     * this check does not {@link #needsConnection() need it}.
     */
    CheckResult run(H handle, CheckContext context) throws Exception;
}
