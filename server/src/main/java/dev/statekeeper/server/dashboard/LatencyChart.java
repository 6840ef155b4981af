package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.PoolStats;
import dev.statekeeper.core.perf.OperationStats;

import java.util.List;
import java.util.Locale;

/**
 * The performance page's charts as inline SVG, rendered here as {@link ScoreChart} is: each operation's p50, p95 and
 * p99 as three bars on a logarithmic millisecond scale (latencies span from microseconds to seconds), and the
 * connection pool's gauges. Colours come from the stylesheet (classes), so dark mode applies; the {@code <title>}
 * says what the chart shows, and the page puts the same numbers in a table.
 */
final class LatencyChart {
    /** The most operations one chart draws (the busiest; the table lists them all). */
    static final int MAX_OPERATIONS = 12;
    /** The smallest value of the scale, in milliseconds: 10 microseconds. */
    static final double MIN_MS = 0.01;
    private static final int WIDTH = 640;
    private static final int LEFT = 150;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 24;
    private static final int BAR = 6;
    private static final int ROW = 3 * BAR + 10;
    private static final String[] SERIES = {"p50", "p95", "p99"};

    private LatencyChart() {
    }

    /**
     * The chart of the operations' percentiles (the first {@link #MAX_OPERATIONS} of them, busiest first).
     *
     * @param id     the SVG title's id, unique on the page
     * @param window the window in words: "the last hour"
     * @param stats  the operations' figures, not empty
     */
    static Html render(String id, String window, List<OperationStats> stats) {
        List<OperationStats> drawn = stats.subList(0, Math.min(stats.size(), MAX_OPERATIONS));
        double top = MIN_MS * 10;
        for (OperationStats s : drawn) {
            top = Math.max(top, s.p99Ms());
        }
        // the scale's decades, from 0.01 ms up to the first power of ten above the slowest p99
        int decades = (int) Math.ceil(Math.log10(top / MIN_MS));
        int height = TOP + drawn.size() * ROW + BOTTOM;
        StringBuilder svg = new StringBuilder();
        for (int d = 0; d <= decades; d++) {
            double x = x(MIN_MS * Math.pow(10, d), decades);
            svg.append(Html.of("<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/><text class=\"axis\" "
                            + "x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", fmt(x), TOP - 4, fmt(x),
                    height - BOTTOM, fmt(x), height - 8, label(d)).value());
        }
        for (int i = 0; i < SERIES.length; i++) {
            int lx = LEFT + i * 70;
            svg.append(Html.of("<rect class=\"bar {}\" x=\"{}\" y=\"6\" width=\"10\" height=\"10\"/>"
                    + "<text class=\"axis\" x=\"{}\" y=\"15\">{}</text>", SERIES[i], lx, lx + 14, SERIES[i]).value());
        }
        svg.append(Html.of("<text class=\"axis\" x=\"{}\" y=\"15\" text-anchor=\"end\">ms, log scale</text>",
                WIDTH - RIGHT).value());
        for (int row = 0; row < drawn.size(); row++) {
            OperationStats s = drawn.get(row);
            int y = TOP + row * ROW + 4;
            svg.append(Html.of("<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", LEFT - 6,
                    y + BAR + 5, s.operation()).value());
            double[] values = {s.p50Ms(), s.p95Ms(), s.p99Ms()};
            for (int i = 0; i < SERIES.length; i++) {
                double w = Math.max(1, x(values[i], decades) - LEFT);
                svg.append(Html.of("<rect class=\"bar {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{} {}: "
                                + "{} ms</title></rect>", SERIES[i], LEFT, y + i * BAR, fmt(w), BAR - 1, s.operation(),
                        SERIES[i], ms(values[i])).value());
            }
        }
        String summary = "p50, p95 and p99 in milliseconds over " + window + " of the " + drawn.size()
                + (stats.size() > drawn.size() ? " busiest of " + stats.size() : "") + " operations";
        return Html.of("<figure class=\"chart latency\"><svg viewBox=\"0 0 {} {}\" role=\"img\" "
                        + "aria-labelledby=\"{}\" preserveAspectRatio=\"xMidYMid meet\"><title id=\"{}\">{}</title>{}"
                        + "</svg><figcaption>{}</figcaption></figure>", WIDTH, height, id, id, summary,
                new Html(svg.toString()), summary);
    }

    /** The pool's gauges: in use, idle and waiting, each against the pool's maximum. */
    static Html pool(PoolStats pool) {
        int[] values = {pool.active(), pool.idle(), pool.waiting()};
        String[] names = {"in use", "idle", "waiting"};
        String[] classes = {"active", "idle", "waiting"};
        int height = 3 * 26 + 8;
        StringBuilder svg = new StringBuilder();
        double span = WIDTH - LEFT - RIGHT;
        for (int i = 0; i < values.length; i++) {
            int y = 8 + i * 26;
            double w = span * Math.min(values[i], pool.max()) / pool.max();
            svg.append(Html.of("<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{} {} of {}</text>"
                            + "<rect class=\"track\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\"/>"
                            + "<rect class=\"bar {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\"/>", LEFT - 6, y + 11,
                    names[i], values[i], pool.max(), LEFT, y, fmt(span), classes[i], LEFT, y, fmt(w)).value());
        }
        String summary = "Connection pool: " + pool.active() + " in use, " + pool.idle() + " idle, " + pool.waiting()
                + " waiting, at most " + pool.max();
        return Html.of("<figure class=\"chart gauges\"><svg viewBox=\"0 0 {} {}\" role=\"img\" "
                        + "aria-labelledby=\"pool-title\" preserveAspectRatio=\"xMidYMid meet\"><title id=\"pool-title\">"
                        + "{}</title>{}</svg><figcaption>{}</figcaption></figure>", WIDTH, height, summary,
                new Html(svg.toString()), summary);
    }

    /** The x of a duration: 0.01 ms at the left edge of the bars, 10^decades times that at the right. */
    private static double x(double ms, int decades) {
        double position = Math.log10(Math.max(ms, MIN_MS) / MIN_MS) / decades;
        return LEFT + (WIDTH - LEFT - RIGHT) * Math.min(1, position);
    }

    /** The label of the scale's {@code decade}th line: 0.01 ms times 10 to that power. */
    private static String label(int decade) {
        return switch (decade) {
            case 0 -> "0.01 ms";
            case 1 -> "0.1 ms";
            case 2 -> "1 ms";
            case 3 -> "10 ms";
            case 4 -> "100 ms";
            case 5 -> "1 s";
            case 6 -> "10 s";
            case 7 -> "100 s";
            default -> "1e" + (decade - 5) + " s";
        };
    }

    /** Milliseconds as the tables show them: to the microsecond. */
    static String ms(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
