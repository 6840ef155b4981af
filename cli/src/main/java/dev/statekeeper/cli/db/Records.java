package dev.statekeeper.cli.db;

import dev.statekeeper.cli.support.Text;
import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.internal.archive.RecordCounts;

import java.util.Map;
import java.util.stream.Collectors;

/** How the data-moving commands describe records and stores. */
final class Records {
    private Records() {
    }

    /**
     * "16 records (4 loops with 2 feedback, 2 objectives, 3 specs with 5 revisions, ...)", zero kinds left out, then
     * " and 12 events" when the change history came along.
     */
    static String describe(RecordCounts counts) {
        return describe(counts.total(), counts.summaryWithEvents());
    }

    /** As {@link #describe(RecordCounts)}, from counts by name ({@code events} among them or not). */
    static String describe(long records, Map<String, Long> summary) {
        String parts = summary.entrySet().stream()
                .filter(e -> e.getValue() > 0 && !e.getKey().equals("feedback") && !e.getKey().equals("specRevisions")
                        && !e.getKey().equals("events"))
                .map(e -> part(e.getKey(), e.getValue(), summary))
                .collect(Collectors.joining(", "));
        long events = summary.getOrDefault("events", 0L);
        return Text.count(records, "record", "records") + (parts.isEmpty() ? "" : " (" + parts + ")")
                + (events == 0 ? "" : " and " + Text.count(events, "event", "events"));
    }

    private static String part(String kind, long n, Map<String, Long> summary) {
        String text = n + " " + singular(kind, n);
        if (kind.equals("loops") && summary.getOrDefault("feedback", 0L) > 0) {
            text += " with " + summary.get("feedback") + " feedback";
        } else if (kind.equals("specs")) {
            text += " with " + Text.count(summary.getOrDefault("specRevisions", 0L), "revision", "revisions");
        }
        return text;
    }

    private static String singular(String kind, long n) {
        String words = switch (kind) {
            case "specLinks" -> "spec links";
            case "activeLoops" -> "active-loop entries";
            default -> kind;
        };
        if (n != 1) {
            return words;
        }
        return words.equals("active-loop entries") ? "active-loop entry" : words.substring(0, words.length() - 1);
    }

    /** "sqlite store /x/state.db". */
    static String where(StoreInfo info) {
        return info.backend() + " store " + info.location();
    }

    /**
     * About how many records an export of the store gives, for a progress bar: its loops, specs, roadmaps, plans and
     * sessions (objectives, links and history entries are not counted up front).
     */
    static long expected(StoreInfo info) {
        return info.counts().entrySet().stream()
                .filter(e -> !e.getKey().equals("feedback") && !e.getKey().equals("specRevisions"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Whether the store holds no record at all (objectives, links and history entries belong to loops). */
    static boolean empty(StoreInfo info) {
        return info.counts().values().stream().allMatch(n -> n == 0);
    }

    /** "3 records (1 loop with 2 feedback, ...)": what a store holds, by the counts of {@code db status}. */
    static String held(StoreInfo info) {
        return describe(expected(info), info.counts());
    }

    static boolean sameStore(StateStore a, StateStore b) {
        StoreInfo x = a.info();
        StoreInfo y = b.info();
        return x.backend().equals(y.backend()) && x.location().equals(y.location())
                && Backends.named(x.backend()).map(StateStoreProvider::durable).orElse(true);
    }
}
