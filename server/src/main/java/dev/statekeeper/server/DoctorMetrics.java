package dev.statekeeper.server;

import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.CheckStatus;
import dev.statekeeper.doctor.DoctorReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scheduled doctor runs as meters: {@code statekeeper_doctor_findings{check, severity}} is 1 for each finding of
 * the last run and is removed when the finding clears (or changes severity); {@code statekeeper_doctor_last_run_seconds}
 * is when the last run ended (Unix time in seconds: alert on {@code time() - statekeeper_doctor_last_run_seconds}), and
 * {@code statekeeper_doctor_last_run_duration_seconds} how long it took.
 */
final class DoctorMetrics {
    private final MeterRegistry registry;
    private final Map<Key, Gauge> findings = new HashMap<>();
    private final AtomicLong endedMillis = new AtomicLong();
    private final AtomicLong durationMillis = new AtomicLong();

    private record Key(String check, String severity) {
    }

    DoctorMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("statekeeper.doctor.last.run.seconds", endedMillis, m -> m.get() / 1000.0)
                .description("when the last scheduled doctor run ended, Unix time in seconds (0: none yet)")
                .strongReference(true).register(registry);
        Gauge.builder("statekeeper.doctor.last.run.duration.seconds", durationMillis, m -> m.get() / 1000.0)
                .description("how long the last scheduled doctor run took").strongReference(true).register(registry);
    }

    /** Sets the findings to the report's: new ones appear at 1, cleared ones are removed. */
    synchronized void record(DoctorReport report, Instant ended) {
        Set<Key> now = new HashSet<>();
        for (CheckResult check : report.checks()) {
            if (check.status() == CheckStatus.FINDING) {
                now.add(new Key(check.id(), check.severity().name()));
            }
        }
        findings.entrySet().removeIf(e -> {
            if (now.contains(e.getKey())) {
                return false;
            }
            registry.remove(e.getValue());
            return true;
        });
        for (Key key : now) {
            findings.computeIfAbsent(key, k -> Gauge.builder("statekeeper.doctor.findings", () -> 1)
                    .description("1 for each finding of the last scheduled doctor run (cheap checks), by check and "
                            + "severity; removed when it clears")
                    .tags("check", k.check(), "severity", k.severity()).strongReference(true).register(registry));
        }
        durationMillis.set(report.durationMs());
        endedMillis.set(ended.toEpochMilli());
    }
}
