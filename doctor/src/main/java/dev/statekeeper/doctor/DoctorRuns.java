package dev.statekeeper.doctor;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Doctor runs shared by the callers of one process (the HTTP route, the MCP tool, {@code serve}'s scheduled cheap
 * checks): never two runs at once. A caller asking for the same checks as a run in flight (or waiting its turn)
 * gets that run's report; one asking for other checks waits until the run in flight has ended, then runs its own.
 * Each run is bounded by STATEKEEPER_DOCTOR_BUDGET, so no caller waits longer than a few of them.
 */
public final class DoctorRuns {
    private final Function<Selection, DoctorReport> doctor;
    private final Semaphore one = new Semaphore(1, true);
    private final Map<Selection, CompletableFuture<DoctorReport>> pending = new HashMap<>();

    /** Runs of {@code doctor} (a test's own, or an embedder's). */
    public DoctorRuns(Function<Selection, DoctorReport> doctor) {
        this.doctor = Objects.requireNonNull(doctor, "doctor");
    }

    /** Runs of {@link Doctor#run(Settings, Clock, Selection)} on the settings' store. */
    public static DoctorRuns of(Settings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        return new DoctorRuns(selection -> Doctor.run(settings, clock, selection));
    }

    /**
     * Runs of {@link Doctor#run(Settings, Clock, Selection, StateStore)} inside the process that serves {@code store}
     * (the HTTP and MCP servers): {@code pool-usage} judges that store's pool.
     */
    public static DoctorRuns serving(Settings settings, Clock clock, StateStore store) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(store, "store");
        return new DoctorRuns(selection -> Doctor.run(settings, clock, selection, store));
    }

    /** The report of a run of the selected checks: a run of its own, or the one in flight for the same checks. */
    public DoctorReport run(Selection selection) {
        CompletableFuture<DoctorReport> report;
        boolean mine;
        synchronized (pending) {
            CompletableFuture<DoctorReport> shared = pending.get(selection);
            mine = shared == null;
            report = mine ? new CompletableFuture<>() : shared;
            if (mine) {
                pending.put(selection, report);
            }
        }
        if (mine) {
            runAlone(selection, report);
        }
        try {
            return report.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new StatekeeperException(ErrorCode.INTERNAL, "the doctor failed: " + e.getCause(), e.getCause());
        }
    }

    private void runAlone(Selection selection, CompletableFuture<DoctorReport> report) {
        one.acquireUninterruptibly();
        try {
            report.complete(doctor.apply(selection));
        } catch (RuntimeException | Error e) {
            report.completeExceptionally(e);
        } finally {
            synchronized (pending) {
                pending.remove(selection, report);
            }
            one.release();
        }
    }
}
