package dev.statekeeper.cli.support;

import dev.statekeeper.core.domain.Page;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Small text renderings shared by the commands. */
public final class Text {
    private Text() {
    }

    /** An instant to the second, e.g. {@code 2026-01-31T12:00:00Z}. */
    public static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A duration in its largest whole unit of d, h, m and s: {@code 30d}. */
    public static String duration(Duration d) {
        long s = d.toSeconds();
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        return s != 0 && s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** A record component name as a heading: {@code technologyStack} becomes {@code Technology stack}. */
    public static String heading(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append(' ').append(Character.toLowerCase(c));
            } else {
                out.append(out.isEmpty() ? Character.toUpperCase(c) : c);
            }
        }
        return out.toString();
    }

    /** At most {@code max} characters of the first line, with "..." when something was cut. */
    public static String shorten(String text, int max) {
        String line = text.lines().findFirst().orElse("");
        return line.length() <= max && line.length() == text.length() ? text
                : line.substring(0, Math.min(line.length(), max - 3)) + "...";
    }

    public static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** What a page leaves out: nothing, or which rows it shows and how to get the next ones. */
    public static void pageFooter(Page<?> page, PrintWriter out) {
        int shown = page.items().size();
        if (shown > 0 && page.offset() + shown < page.total()) {
            out.println("showing " + (page.offset() + 1) + "-" + (page.offset() + shown) + " of " + page.total()
                    + "; next page: --offset " + (page.offset() + shown));
        }
    }
}
