package dev.statekeeper.bench.http;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** One run's figures with what was run, and the machine's 1-minute load average just before it. */
record LoadResult(String backend, Op op, int clients, Mode mode, LoadDriver.Measurement measurement,
                  double loadBefore) {

    /** One line of the driver's output, every figure of the run. */
    String line() {
        LoadDriver.Measurement m = measurement;
        String cpu = m.cpuPerOp().entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.0f", e.getValue()))
                .collect(Collectors.joining(" "));
        return String.format(Locale.ROOT, "%-8s %-12s %2d clients %-10s %,9.0f ops/s  p50 %s  p99 %s  p99.9 %s"
                        + "  max %s ms  calls %,d  errors %d  load %.2f  cpu-us/op: %s",
                backend, op.label(), clients, mode.label(), m.opsPerSecond(), millis(m.millisAt(50)),
                millis(m.millisAt(99)), millis(m.millisAt(99.9)), millis(m.latencies().getMaxValue() / 1e6),
                m.latencies().getTotalCount(), m.errors(), loadBefore, cpu);
    }

    double cpuTotal() {
        return measurement.cpuPerOp().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    Map<String, Double> cpuPerOp() {
        return measurement.cpuPerOp();
    }

    /** Milliseconds with three significant digits or more: 0.0412, 0.412, 4.12, 41.2. */
    static String millis(double ms) {
        String pattern = ms < 0.1 ? "%.4f" : ms < 1 ? "%.3f" : ms < 10 ? "%.2f" : "%.1f";
        return String.format(Locale.ROOT, pattern, ms);
    }
}
