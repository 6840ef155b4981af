package dev.statekeeper.server;

import dev.statekeeper.doctor.DoctorReport;
import dev.statekeeper.doctor.DoctorRuns;
import dev.statekeeper.doctor.Selection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve}'s doctor: the cheap checks (those of {@code healthcheck}) every STATEKEEPER_DOCTOR_INTERVAL on a
 * daemon thread, through the server's {@link DoctorRuns} (so never beside another run), their findings exported by
 * {@link DoctorMetrics} and the last report kept for the dashboard's health page. Off when the interval is 0. A run that fails is logged and the next one still runs.
 */
final class DoctorSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(DoctorSchedule.class);

    private final DoctorRuns runs;
    private final DoctorMetrics metrics;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService executor;
    private volatile DoctorReport latest;

    DoctorSchedule(DoctorRuns runs, DoctorMetrics metrics, Duration interval, Clock clock) {
        this.runs = runs;
        this.metrics = metrics;
        this.interval = interval;
        this.clock = clock;
    }

    /** Starts the runs, the first at once; nothing when the interval is 0. */
    synchronized void start() {
        if (interval.isZero() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "statekeeper-doctor");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs the cheap checks now, on the caller's thread, and updates the meters; the report. */
    DoctorReport runNow() {
        DoctorReport report = runs.run(Selection.cheap());
        metrics.record(report, clock.instant());
        latest = report;
        return report;
    }

    /** The report of the last scheduled run (or {@link #runNow}), or null before the first has ended. */
    DoctorReport latest() {
        return latest;
    }

    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    private void runQuietly() {
        try {
            runNow();
        } catch (RuntimeException e) {
            LOG.warn("the scheduled doctor run failed: {}", e.toString());
        }
    }
}
