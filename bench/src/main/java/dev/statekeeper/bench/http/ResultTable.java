package dev.statekeeper.bench.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results as Markdown: one row per backend, operation and client count, HTTP next to in-process; then the CPU
 * time per call by where it was spent.
 */
final class ResultTable {
    private ResultTable() {
    }

    static String markdown(List<LoadResult> results) {
        Map<String, Map<Mode, LoadResult>> rows = new LinkedHashMap<>();
        for (LoadResult r : results) {
            rows.computeIfAbsent(r.backend() + "|" + r.op().label() + "|" + r.clients(), k -> new LinkedHashMap<>())
                    .put(r.mode(), r);
        }
        List<String> lines = new ArrayList<>();
        lines.add("| backend | operation | clients | HTTP ops/s | p50 ms | p99 ms | in-process ops/s | p50 ms | p99 ms "
                + "| in-process ÷ HTTP ops/s |");
        lines.add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Map<Mode, LoadResult> row : rows.values()) {
            LoadResult any = row.values().iterator().next();
            LoadResult http = row.get(Mode.HTTP);
            LoadResult local = row.get(Mode.IN_PROCESS);
            String ratio = http == null || local == null ? "" : String.format(Locale.ROOT, "%.1f×",
                    local.measurement().opsPerSecond() / http.measurement().opsPerSecond());
            lines.add("| " + any.backend() + " | " + any.op().label() + " | " + any.clients() + " | " + figures(http)
                    + " | " + figures(local) + " | " + ratio + " |");
        }
        lines.add("");
        lines.add("| backend | operation | clients | mode | CPU µs per call: " + String.join(" | ", categories(results))
                + " | total | errors |");
        lines.add("|---|---|---:|---|" + "---:|".repeat(categories(results).size() + 2));
        for (LoadResult r : results) {
            StringBuilder line = new StringBuilder("| " + r.backend() + " | " + r.op().label() + " | " + r.clients()
                    + " | " + r.mode().label() + " | ");
            r.cpuPerOp().values().forEach(v -> line.append(String.format(Locale.ROOT, "%.0f | ", v)));
            line.append(String.format(Locale.ROOT, "%.0f | %d |", r.cpuTotal(), r.measurement().errors()));
            lines.add(line.toString());
        }
        return String.join("\n", lines);
    }

    private static List<String> categories(List<LoadResult> results) {
        return results.isEmpty() ? List.of() : List.copyOf(results.getFirst().cpuPerOp().keySet());
    }

    private static String figures(LoadResult r) {
        if (r == null) {
            return " | | ";
        }
        LoadDriver.Measurement m = r.measurement();
        return String.format(Locale.ROOT, "%,.0f | %s | %s", m.opsPerSecond(), LoadResult.millis(m.millisAt(50)),
                LoadResult.millis(m.millisAt(99)));
    }
}
