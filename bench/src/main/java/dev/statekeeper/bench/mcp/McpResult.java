package dev.statekeeper.bench.mcp;

import dev.statekeeper.bench.http.LoadDriver;

import java.util.Locale;
import java.util.stream.Collectors;

/** One run's figures with what was run, and the machine's 1-minute load average just before it. */
record McpResult(Tool tool, Transport transport, int round, LoadDriver.Measurement measurement, double loadBefore) {
    /** The percentiles the tables give, 100 being the slowest call. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};

    /** The latency at a percentile in milliseconds, 100 giving the slowest call. */
    double millisAt(double percentile) {
        return percentile == 100 ? measurement.latencies().getMaxValue() / 1e6 : measurement.millisAt(percentile);
    }

    /** One line of the driver's output, every figure of the run. */
    String line() {
        LoadDriver.Measurement m = measurement;
        String cpu = m.cpuPerOp().entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.0f", e.getValue()))
                .collect(Collectors.joining(" "));
        return String.format(Locale.ROOT, "%-21s %-5s round %d %,7.0f calls/s  ms p50 %s p90 %s p99 %s p99.9 %s max %s"
                        + "  calls %,d  errors %d  load %.2f  cpu-us/call: %s", tool.toolName(), transport.label(),
                round, m.opsPerSecond(), printed(50), printed(90), printed(99), printed(99.9), printed(100), m.latencies().getTotalCount(), m.errors(), loadBefore, cpu);
    }

    private String printed(double percentile) {
        return LoadDriver.Measurement.printed(millisAt(percentile));
    }
}
