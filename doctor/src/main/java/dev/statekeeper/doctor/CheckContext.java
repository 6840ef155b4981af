package dev.statekeeper.doctor;

import dev.statekeeper.core.api.PoolStats;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.perf.OperationLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a check runs with: the settings (thresholds are settings: {@link #integer}, {@link #seconds},
 * {@link #named}), the clock that says what "now" is for ages, which checks were named with {@code --check}, and
 * the run's budget: {@link #checkTimeout()} is how long the current check may take, and a check that can bound its
 * own work (a PostgreSQL {@code statement_timeout}) should use it. When the doctor runs inside the process that
 * serves the store ({@code serve}'s {@code GET /api/v1/doctor} and scheduled checks, MCP {@code run_doctor}), the
 * context also reads that store's pool: {@link #serving()}, {@link #pool()}.
 */
public final class CheckContext {
    private final Settings settings;
    private final Clock clock;
    private final Selection selection;
    private final long deadlineNanos;
    /** The store of the process the doctor runs in, or null outside it (the CLI). */
    private final StateStore serving;
    /** The stored operation log, read over the doctor's own handle where no store serves in this process. */
    private OperationLog storedLog;

    CheckContext(Settings settings, Clock clock, Selection selection, long deadlineNanos, StateStore serving) {
        this.settings = settings;
        this.clock = clock;
        this.selection = selection;
        this.deadlineNanos = deadlineNanos;
        this.serving = serving;
    }

    /** A context for running a check on its own (tests, an embedder): the budget of the settings from now. */
    public static CheckContext of(Settings settings, Clock clock, Selection selection) {
        return new CheckContext(settings, clock, selection,
                System.nanoTime() + settings.seconds(Setting.DOCTOR_BUDGET).toNanos(), null);
    }

    /**
     * As {@link #of(Settings, Clock, Selection)}, inside the process that serves {@code store}: {@link #pool()} reads
     * its pool.
     */
    public static CheckContext serving(Settings settings, Clock clock, Selection selection, StateStore store) {
        Objects.requireNonNull(store, "store");
        return new CheckContext(settings, clock, selection,
                System.nanoTime() + settings.seconds(Setting.DOCTOR_BUDGET).toNanos(), store);
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Whether {@code --check} named this check (it may then do more: the full integrity check). */
    public boolean named(String id) {
        return selection.named(id);
    }

    /** A whole-number threshold. */
    public int integer(Setting threshold) {
        return settings.integer(threshold);
    }

    /** A threshold in seconds. */
    public Duration seconds(Setting threshold) {
        return settings.seconds(threshold);
    }

    /** A threshold as findings name it: {@code STATEKEEPER_DOCTOR_WAL_MAX_MB=64}. */
    public String named(Setting threshold) {
        return threshold.variable() + "=" + settings.raw(threshold).trim();
    }

    /**
     * Whether the doctor runs inside the process that serves the store (so {@link #pool()} says how its callers
     * fare); false in the CLI, whose own store would have a fresh pool that says nothing.
     */
    public boolean serving() {
        return serving != null;
    }

    /**
     * The counts of the serving store's pool now ({@link StateStore#poolStats()}); empty when the doctor does not run
     * in the serving process ({@link #serving()}) or the store has no pool that says.
     */
    public Optional<PoolStats> pool() {
        return serving == null ? Optional.empty() : serving.poolStats();
    }

    /** What is left of the run's budget (zero when it is spent). */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** How long the current check may take: STATEKEEPER_DOCTOR_CHECK_TIMEOUT, or what is left of the budget. */
    public Duration checkTimeout() {
        Duration limit = settings.seconds(Setting.DOCTOR_CHECK_TIMEOUT);
        Duration left = remaining();
        return left.compareTo(limit) < 0 ? left : limit;
    }

    /**
     * The store's operation log, for the checks that read it (slow-operations, error-rate): the serving store's live
     * log, or the stored log read over the doctor's own handle.
     *
     * @return the log, or empty where there is none to read (the store could not be reached, a memory store outside
     *         its process)
     */
    public Optional<OperationLog> operationLog() {
        return Optional.ofNullable(serving != null ? serving.operationLog() : storedLog);
    }

    void storedOperationLog(OperationLog log) {
        this.storedLog = log;
    }
}
