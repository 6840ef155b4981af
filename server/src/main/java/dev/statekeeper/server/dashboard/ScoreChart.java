package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.domain.CriticFeedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A loop's score over its iterations as an inline SVG, rendered here so the page needs no chart library: one point
 * per iteration (the score of its latest feedback), scores 0-100 upwards, and the loop type's threshold as a dashed
 * line. Past {@value #MAX_POINTS} iterations the line is thinned to that many points (the first and last kept). The
 * colours come from the stylesheet (classes), so dark mode applies; the {@code <title>} says it in words.
 */
final class ScoreChart {
    /** The most points drawn. */
    static final int MAX_POINTS = 400;
    private static final int WIDTH = 640;
    private static final int HEIGHT = 240;
    private static final int LEFT = 40;
    private static final int RIGHT = 16;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;

    private ScoreChart() {
    }

    /** The last score of each iteration, by iteration. */
    static Map<Integer, Integer> byIteration(List<CriticFeedback> feedback) {
        Map<Integer, Integer> scores = new TreeMap<>();
        for (CriticFeedback f : feedback) {
            scores.put(f.iteration() == null ? 1 : f.iteration(), f.overallScore());
        }
        return scores;
    }

    /** The chart of the scores by iteration, with the threshold; a sentence instead when there is no score yet. */
    static Html render(Map<Integer, Integer> scores, int threshold) {
        if (scores.isEmpty()) {
            return Html.of("<p class=\"empty\">No feedback yet: the chart starts with the first score.</p>");
        }
        List<Map.Entry<Integer, Integer>> points = thin(new ArrayList<>(scores.entrySet()));
        int first = points.getFirst().getKey();
        int last = points.getLast().getKey();
        StringBuilder line = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (Map.Entry<Integer, Integer> p : points) {
            String xy = fmt(x(p.getKey(), first, last)) + "," + fmt(y(p.getValue()));
            line.append(line.isEmpty() ? "" : " ").append(xy);
            if (points.size() <= 60) {
                dots.append(Html.of("<circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"3\"><title>iteration {}: {}</title>"
                        + "</circle>", fmt(x(p.getKey(), first, last)), fmt(y(p.getValue())), p.getKey(),
                        p.getValue()).value());
            }
        }
        StringBuilder grid = new StringBuilder();
        for (int score = 0; score <= 100; score += 25) {
            grid.append(Html.of("<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>"
                    + "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", LEFT, fmt(y(score)),
                    WIDTH - RIGHT, fmt(y(score)), LEFT - 6, fmt(y(score) + 4), score).value());
        }
        int latest = points.getLast().getValue();
        String summary = "Score over iterations " + first + " to " + last + ": latest " + latest + ", threshold "
                + threshold + (scores.size() > points.size() ? " (" + points.size() + " of " + scores.size()
                + " iterations drawn)" : "");
        return Html.of("<figure class=\"chart\"><svg viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"chart-title\" "
                        + "preserveAspectRatio=\"xMidYMid meet\"><title id=\"chart-title\">{}</title>{}"
                        + "<line class=\"threshold\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>"
                        + "<text class=\"threshold-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">threshold {}</text>"
                        + "<polyline class=\"score\" points=\"{}\"/>{}"
                        + "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"start\">iteration {}</text>"
                        + "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">iteration {}</text></svg>"
                        + "<figcaption>{}</figcaption></figure>",
                WIDTH, HEIGHT, summary, new Html(grid.toString()), LEFT, fmt(y(threshold)), WIDTH - RIGHT,
                fmt(y(threshold)), WIDTH - RIGHT, fmt(y(threshold) - 4), threshold, line.toString(),
                new Html(dots.toString()), LEFT, HEIGHT - 8, first, WIDTH - RIGHT, HEIGHT - 8, last, summary);
    }

    /** At most {@link #MAX_POINTS}, evenly picked, the first and the last kept. */
    private static List<Map.Entry<Integer, Integer>> thin(List<Map.Entry<Integer, Integer>> all) {
        if (all.size() <= MAX_POINTS) {
            return all;
        }
        List<Map.Entry<Integer, Integer>> kept = new ArrayList<>(MAX_POINTS);
        double step = (all.size() - 1) / (double) (MAX_POINTS - 1);
        for (int i = 0; i < MAX_POINTS; i++) {
            kept.add(all.get((int) Math.round(i * step)));
        }
        return kept;
    }

    private static double x(int iteration, int first, int last) {
        double span = WIDTH - LEFT - RIGHT;
        return last == first ? LEFT + span / 2 : LEFT + span * (iteration - first) / (last - first);
    }

    private static double y(int score) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (100 - score) / 100.0;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
