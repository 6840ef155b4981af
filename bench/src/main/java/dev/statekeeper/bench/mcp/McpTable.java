package dev.statekeeper.bench.mcp;

import dev.statekeeper.bench.http.LoadDriver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * The results as Markdown: per tool and transport, the median over the rounds of each figure with the rounds'
 * lowest and highest; then every run with its CPU time per call by where it was spent.
 */
final class McpTable {
    private McpTable() {
    }

    static String markdown(List<McpResult> results) {
        Map<String, List<McpResult>> rows = new LinkedHashMap<>();
        for (McpResult r : results) {
            rows.computeIfAbsent(r.tool().toolName() + "|" + r.transport().label(), k -> new ArrayList<>()).add(r);
        }
        List<String> lines = new ArrayList<>();
        lines.add("| tool | transport | rounds | calls/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors |");
        lines.add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (List<McpResult> runs : rows.values()) {
            McpResult any = runs.getFirst();
            StringBuilder line = new StringBuilder("| " + any.tool().toolName() + " | " + any.transport().label()
                    + " | " + runs.size() + " | ");
            line.append(spread(runs, r -> r.measurement().opsPerSecond(), v -> String.format(Locale.ROOT, "%,.0f", v)));
            for (double p : McpResult.PERCENTILES) {
                line.append(" | ").append(spread(runs, r -> r.millisAt(p), LoadDriver.Measurement::printed));
            }
            line.append(" | ").append(runs.stream().mapToLong(r -> r.measurement().errors()).sum()).append(" |");
            lines.add(line.toString());
        }
        List<String> categories = results.isEmpty() ? List.of()
                : List.copyOf(results.getFirst().measurement().cpuPerOp().keySet());
        lines.add("");
        lines.add("| tool | transport | round | CPU µs per call: " + String.join(" | ", categories) + " | total |");
        lines.add("|---|---|---:|" + "---:|".repeat(categories.size() + 1));
        for (McpResult r : results) {
            StringBuilder line = new StringBuilder("| " + r.tool().toolName() + " | " + r.transport().label() + " | "
                    + r.round() + " | ");
            r.measurement().cpuPerOp().values().forEach(v -> line.append(String.format(Locale.ROOT, "%.0f | ", v)));
            line.append(String.format(Locale.ROOT, "%.0f |",
                    r.measurement().cpuPerOp().values().stream().mapToDouble(Double::doubleValue).sum()));
            lines.add(line.toString());
        }
        return String.join("\n", lines);
    }

    /** The median of the runs' values, and with more than one run their range: {@code 0.412 (0.398–0.430)}. */
    private static String spread(List<McpResult> runs, ToDoubleFunction<McpResult> value,
                                 DoubleFunction<String> format) {
        double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        String text = format.apply(median);
        return sorted.length == 1 ? text : text + " (" + format.apply(sorted[0]) + "–"
                + format.apply(sorted[sorted.length - 1]) + ")";
    }
}
