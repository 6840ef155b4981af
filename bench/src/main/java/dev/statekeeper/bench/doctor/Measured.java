package dev.statekeeper.bench.doctor;

import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.DoctorReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the benchmark measured for one backend and one N: milliseconds per run and per check, statement counts. */
final class Measured {
    double firstMs;
    final List<Double> fullMs = new ArrayList<>();
    final List<Double> healthMs = new ArrayList<>();
    /** Per check id, in the order they ran: milliseconds of each repeat. */
    final Map<String, List<Double>> checkMs = new LinkedHashMap<>();
    /** Per check id: statements on the doctor's connection (backend checks) or, for PostgreSQL, as the server saw. */
    final Map<String, Long> checkStatements = new LinkedHashMap<>();
    long fullHandleStatements;
    long healthHandleStatements;
    Long fullServerStatements;
    Long healthServerStatements;
    DoctorReport lastFull;

    void addCheck(String id, double ms) {
        checkMs.computeIfAbsent(id, k -> new ArrayList<>()).add(ms);
    }

    /** The check's status in the last full run: "ok", "finding P3", "error: ...". */
    String status(String id) {
        return lastFull.check(id).map(Measured::status).orElse("-");
    }

    private static String status(CheckResult c) {
        return switch (c.status()) {
            case FINDING -> "finding " + c.severity();
            case ERROR, SKIPPED -> c.status().wire() + ": " + shorten(c.message());
            default -> c.status().wire();
        };
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** "median (min-max)" of the values. */
    static String spread(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return "-";
        }
        List<Double> sorted = values.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        return values.size() == 1 ? ms(median) : ms(median) + " (" + ms(sorted.getFirst()) + "-" + ms(sorted.getLast()) + ")";
    }

    static String ms(double value) {
        return value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }
}
