package dev.statekeeper.doctor;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The doctor: runs the checks of the settings' backend ({@link DoctorBackend}, found with ServiceLoader) on a
 * connection of its own and reports what each found ({@link DoctorReport}). It never makes things worse: one
 * read-only connection, each check within its time, the whole run within STATEKEEPER_DOCTOR_BUDGET, nothing
 * written except by {@link #fix} of the safe fixes the operator asked for.
 * <pre>{@code
 * DoctorReport report = Doctor.run(settings, Clock.systemUTC(), Selection.all());
 * report.atLeast(Severity.P1).forEach(f -> System.out.println(f.id() + ": " + f.message()));
 * }</pre>
 */
public final class Doctor {
    private Doctor() {
    }

    /** Runs the selected checks of the settings' backend. USAGE for a backend without checks or an unknown id. */
    public static DoctorReport run(Settings settings, Clock clock, Selection selection) {
        return run(DoctorBackends.of(settings.backend()), settings, clock, selection);
    }

    /**
     * Runs the selected checks of the settings' backend inside the process that serves {@code store} (the HTTP
     * server, the MCP server): the checks of its live state ({@code pool-usage}) read it, the others still use a
     * connection of the doctor's own.
     */
    public static DoctorReport run(Settings settings, Clock clock, Selection selection, StateStore store) {
        Objects.requireNonNull(store, "store");
        return run(DoctorBackends.of(settings.backend()), settings, clock, selection, store);
    }

    /** Runs the selected checks of {@code backend} (one not installed as a service: a test's, an embedder's own). */
    public static <H extends AutoCloseable> DoctorReport run(DoctorBackend<H> backend, Settings settings, Clock clock,
                                                             Selection selection) {
        return run(backend, settings, clock, selection, null);
    }

    private static <H extends AutoCloseable> DoctorReport run(DoctorBackend<H> backend, Settings settings, Clock clock,
                                                              Selection selection, StateStore serving) {
        List<Check<? super H>> checks = DoctorBackends.checks(backend);
        requireKnown(backend, selection);
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        CheckContext context = new CheckContext(settings, clock, selection,
                start + settings.seconds(Setting.DOCTOR_BUDGET).toNanos(), serving);
        CheckRunner runner = new CheckRunner();
        Connected<H> connected = connect(backend, context, runner);
        List<CheckResult> results = new ArrayList<>(List.of(connected.result()));
        if (serving == null && connected.handle() != null && readsOperationLog(checks, selection)) {
            context.storedOperationLog(backend.storedOperationLog(connected.handle(), context).orElse(null));
        }
        try {
            for (Check<? super H> check : checks) {
                if (selection.includes(check)) {
                    results.add(run(backend, check, connected, context, runner));
                }
            }
        } finally {
            close(connected.handle());
        }
        return new DoctorReport(backend.backend(), target(settings), startedAt,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), results, connected.reachable());
    }

    /** The ids of every check of the settings' backend, {@code connection} first: what {@code --check} takes. */
    public static List<String> checkIds(Settings settings) {
        return DoctorBackends.ids(DoctorBackends.of(settings.backend()));
    }

    /**
     * Applies the safe fixes of the report's findings, in its order, each through the backend with a connection of
     * its own; a fix that fails is said so and the next one still runs.
     */
    public static List<FixOutcome> fix(Settings settings, DoctorReport report) {
        DoctorBackend<?> backend = DoctorBackends.of(report.backend());
        List<FixOutcome> outcomes = new ArrayList<>();
        for (CheckResult finding : safeFixes(report)) {
            try {
                outcomes.add(backend.apply(settings, finding));
            } catch (StatekeeperException e) {
                outcomes.add(FixOutcome.failed(finding, e.getMessage()));
            }
        }
        return outcomes;
    }

    /** The findings whose fix {@link #fix} would apply. */
    public static List<CheckResult> safeFixes(DoctorReport report) {
        return report.checks().stream()
                .filter(c -> c.status() == CheckStatus.FINDING && c.fix() != null && c.fix().safe()).toList();
    }

    private static <H extends AutoCloseable> Connected<H> connect(DoctorBackend<H> backend, CheckContext context,
                                                                  CheckRunner runner) {
        CheckRunner.Outcome<Connected<H>> outcome = runner.call(Connected.ID, () -> backend.connect(context),
                context.checkTimeout(), () -> { });
        if (outcome.failure() == null) {
            return outcome.value();
        }
        return new Connected<>(null, Connected.check().threshold("the store opens and answers a query")
                .finding(Severity.P0, "connecting " + outcome.failure().message()), false);
    }

    private static <H extends AutoCloseable> CheckResult run(DoctorBackend<H> backend, Check<? super H> check,
                                                             Connected<H> connected, CheckContext context,
                                                             CheckRunner runner) {
        CheckResult.Builder skipped = CheckResult.of(check);
        H handle = connected.handle();
        if (check.needsConnection() && handle == null) {
            return skipped.skipped("the store could not be used (see the connection check)");
        }
        if (context.remaining().isZero()) {
            return skipped.skipped("the doctor's time ran out before this check (STATEKEEPER_DOCTOR_BUDGET="
                    + context.settings().raw(Setting.DOCTOR_BUDGET).trim() + ")");
        }
        if (runner.stuck() != null && check.needsConnection()) {
            return skipped.skipped("the check '" + runner.stuck() + "' still holds the doctor's connection after it "
                    + "was stopped");
        }
        CheckRunner.Outcome<CheckResult> outcome = runner.call(check.id(), () -> check.run(handle, context),
                context.checkTimeout(), () -> {
                    if (handle != null) {
                        backend.interrupt(handle);
                    }
                });
        if (outcome.failure() != null) {
            return skipped.error("the check " + (outcome.failure().timedOut() ? "" : "failed: ")
                    + outcome.failure().message());
        }
        CheckResult result = outcome.value();
        if (result == null || !result.id().equals(check.id())) {
            return skipped.error("the check " + check.getClass().getName() + " returned "
                    + (result == null ? "no result" : "the result of '" + result.id() + "'") + " (a bug: please report it)");
        }
        return result;
    }

    /** Whether a selected check reads the operation log: only then is the stored one opened (not for healthcheck). */
    private static boolean readsOperationLog(List<? extends Check<?>> checks, Selection selection) {
        return checks.stream().anyMatch(c -> selection.includes(c) && c.readsOperationLog());
    }

    private static void requireKnown(DoctorBackend<?> backend, Selection selection) {
        List<String> ids = DoctorBackends.ids(backend);
        List<String> unknown = selection.ids().stream().filter(id -> !ids.contains(id)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new StatekeeperException(ErrorCode.USAGE, "unknown check" + (unknown.size() == 1 ? " '" : "s '")
                    + String.join("', '", unknown) + "' for the " + backend.backend() + " backend; its checks are: "
                    + String.join(", ", ids));
        }
    }

    /** Where the store is, as its backend says it (passwords masked); the backend's name when it cannot say. */
    private static String target(Settings settings) {
        try {
            return Backends.named(settings.backend()).map((StateStoreProvider p) -> p.location(settings))
                    .orElse(settings.backend());
        } catch (RuntimeException e) {
            return settings.backend();
        }
    }

    private static void close(AutoCloseable handle) {
        if (handle != null) {
            try {
                handle.close();
            } catch (Exception e) {
                // a read-only handle: nothing was written that a failed close could lose
            }
        }
    }
}
