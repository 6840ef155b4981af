package dev.statekeeper.cli.events;

import dev.statekeeper.core.events.StoreEvent;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An event as one line for people: {@code #12 2026-12-02T10:00:00Z loop.feedback_added loop:ID v3 by alice via cli  score=70}. */
final class EventText {
    private EventText() {
    }

    static void line(StoreEvent event, PrintWriter w) {
        StringBuilder line = new StringBuilder()
                .append('#').append(event.sequence())
                .append("  ").append(event.time())
                .append("  ").append(event.change().wire())
                .append("  ").append(event.entity());
        if (event.version() != null) {
            line.append("  v").append(event.version());
        }
        line.append("  by ").append(event.actor() == null ? "-" : event.actor()).append(" via ").append(event.via().wire());
        if (!event.summary().isEmpty()) {
            line.append("  ").append(summary(event.summary()));
        }
        w.println(line);
    }

    private static String summary(Map<String, Object> summary) {
        return summary.entrySet().stream()
                .map(e -> e.getKey() + "=" + value(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    private static String value(Object value) {
        return value instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"))
                : String.valueOf(value);
    }
}
