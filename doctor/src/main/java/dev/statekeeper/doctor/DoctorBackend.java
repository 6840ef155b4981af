package dev.statekeeper.doctor;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.perf.OperationLog;

import java.util.List;
import java.util.Optional;

/**
 * The doctor's checks of one backend, found with {@link java.util.ServiceLoader}: a module registers one per
 * backend in {@code META-INF/services/dev.statekeeper.doctor.DoctorBackend} (this module does sqlite, json and
 * memory; PostgreSQL's go in {@code dev.statekeeper.doctor.postgres}). {@link Doctor} picks the one whose
 * {@link #backend()} the settings name, knowing none by name, and runs:
 * <ol>
 *   <li>{@link #connect}: the doctor's own single connection, never the store's pool, opened read-only (for
 *       PostgreSQL: a read-only transaction, short {@code statement_timeout} and {@code lock_timeout}, its own
 *       {@code application_name}). Its outcome is the {@code connection} check, always reported first.</li>
 *   <li>{@link #checks()}, in order, then the checks every backend gets ({@code backup-age},
 *       {@code backup-integrity}, {@code migrations}: see {@code dev.statekeeper.doctor.common}), each on its own
 *       thread with the time the context gives it; a check that runs over is stopped with {@link #interrupt}.</li>
 *   <li>closes the handle.</li>
 * </ol>
 * Check ids are unique per backend (a duplicate fails the run: IllegalStateException naming both classes).
 *
 * @param <H> what {@link #connect} opens and the checks use; closed when the run ends
 */
public interface DoctorBackend<H extends AutoCloseable> {
    /** The backend these checks are for, as its {@code StateStoreProvider} names it. */
    String backend();

    /**
     * Opens the doctor's connection and reports on it ({@link Connected#to}, or {@link Connected#failed} with the
     * reason). Must not throw for a store that cannot be reached or used: that is the P0 {@code connection} finding.
     */
    Connected<H> connect(CheckContext context);

    /** The backend's own checks (not {@code connection}, not the common ones), in the order they run. */
    List<Check<? super H>> checks();

    /**
     * The operation log the store keeps, read over the doctor's handle without writing (the checks slow-operations
     * and error-rate read it when the doctor runs outside the serving process).
     *
     * @param handle  the doctor's open handle
     * @param context the run's context
     * @return the log, or empty for a backend that keeps none
     */
    default Optional<OperationLog> storedOperationLog(H handle, CheckContext context) {
        return Optional.empty();
    }

    /**
     * Stops what the handle is doing, from another thread, when a check ran out of time (SQLite's interrupt, a
     * PostgreSQL cancel). The default does nothing: the check's thread is interrupted either way.
     */

    default void interrupt(H handle) {
    }

    /**
     * Applies a finding's {@link Fix#safe() safe} fix ({@code doctor --fix}), with a connection of its own that may
     * write, and says what happened. The default has none to apply.
     */
    default FixOutcome apply(Settings settings, CheckResult finding) {
        throw new StatekeeperException(ErrorCode.USAGE, "the " + backend() + " backend applies no doctor fixes");
    }
}
