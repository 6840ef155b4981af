package dev.statekeeper.ops;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.events.EntityKind;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The findings of the {@link Check#EVENTS} check, worded once for every backend: gaps in the change history's
 * sequence numbers, a sequence counter behind the newest event, a record whose version moved without an event, a
 * record gone without its deletion event, and the note counting the records whose versions the history cannot
 * check. Verify reports; {@code --repair} never rewrites the history, so each fix says what can be done by hand and
 * what cannot be done at all.
 */
public final class EventFindings {
    /** At most this many ranges of missing numbers, or records of one kind, are named; the rest are counted. */
    public static final int SHOWN = 20;
    /** The longest id a finding shows whole. */
    public static final int LONGEST_ID = 200;

    /** One range of missing sequence numbers, {@code first} to {@code last}, both included. */
    public record Range(long first, long last) {
        @Override
        public String toString() {
            return first == last ? String.valueOf(first) : first + "-" + last;
        }
    }

    private EventFindings() {
    }

    /**
     * Sequence numbers missing between the oldest and the newest kept event (an error: events of committed writes
     * are lost; pruning removes the oldest events only, which leaves no gap).
     *
     * @param shown   the first missing ranges, at most {@link #SHOWN}
     * @param ranges  how many ranges are missing in all
     * @param missing how many numbers are missing in all
     */
    public static Finding gaps(String where, long oldest, long newest, List<Range> shown, long ranges, long missing) {
        String listed = shown.stream().map(Range::toString).collect(Collectors.joining(", "))
                + (ranges > shown.size() ? " and " + (ranges - shown.size()) + " more " + (ranges - shown.size() == 1
                        ? "range" : "ranges") : "");
        return Finding.error(Check.EVENTS, where, "the change history lacks " + plural(missing, "event", "events")
                        + " between its oldest kept event (" + oldest + ") and its newest (" + newest + "): sequence "
                        + listed,
                "nothing can restore lost events short of a backup that holds them (events deleted by hand or lost "
                        + "with damaged pages leave such gaps); the records are not affected and --repair does not "
                        + "renumber the history; the finding goes once " + Setting.EVENTS_RETENTION.variable()
                        + " prunes the events before the gap ('statekeeper db maintain')");
    }

    /**
     * Whether {@code --repair} fixes the finding: a missing {@code event_sequence} row is added at the newest event,
     * and a counter behind the newest event where it numbers every write (PostgreSQL, a json file) is raised to it,
     * which loses nothing; the rest of the history is never rewritten.
     */
    public static boolean repairable(Finding finding) {
        return finding.check() == Check.EVENTS && finding.where().equals("event_sequence");
    }

    /**
     * The sequence counter is behind the newest event (an error: the next write would take a number already used).
     *
     * @param fix how to set the counter on this backend
     */
    public static Finding counterBehind(String where, String counter, long last, long newest, String fix) {
        return Finding.error(Check.EVENTS, where, counter + " is " + last + " but the newest event is number " + newest
                + ": the next write would be numbered " + (last + 1) + ", a number already used", fix);
    }

    /**
     * A record whose version is not the one its newest event with a version gave it (an error: it changed without
     * an event, or its history was changed).
     */
    public static Finding versionMismatch(String where, EntityKind kind, String id, long version, long eventVersion,
                                          long sequence, String change) {
        return Finding.error(Check.EVENTS, where, describe(kind, id) + " is at version " + version + " but its history "
                        + "ends at version " + eventVersion + " (event " + sequence + ", " + change + ")",
                "the record changed without an event (a raw edit, a table restored or imported over a store with "
                        + "history): nothing can restore the missing events; if the record's version is what is wrong, "
                        + "correct it by hand; --repair does not rewrite the history");
    }

    /** More records of one kind than {@link #SHOWN} whose version does not match their history. */
    public static Finding moreMismatches(String where, EntityKind kind, long more) {
        return Finding.error(Check.EVENTS, where, plural(more, "more " + kind.wire(), "more " + kind.wire() + "s")
                + " are at a version other than the one their history ends at, like the ones above",
                "see the ones above; --repair does not rewrite the history");
    }

    /**
     * A record that is gone though its history does not end with its deletion (a warning: it was removed without an
     * event; the history itself is consistent).
     */
    public static Finding deletedWithoutEvent(String where, EntityKind kind, String id, long sequence, String change) {
        return Finding.warning(Check.EVENTS, where, describe(kind, id) + " does not exist but its history ends with "
                        + "event " + sequence + " (" + change + "), not with its deletion",
                "nothing to repair: it was removed without an event (deleted by hand, or lost with damaged pages); "
                        + "the history keeps what it has until " + Setting.EVENTS_RETENTION.variable() + " prunes it");
    }

    /** More records of one kind than {@link #SHOWN} gone without their deletion event. */
    public static Finding moreDeleted(String where, EntityKind kind, long more) {
        return Finding.warning(Check.EVENTS, where, plural(more, "more " + kind.wire(), "more " + kind.wire() + "s")
                        + " do not exist though their history does not end with their deletion, like the ones above",
                "nothing to repair; see the ones above");
    }

    /**
     * The note on the records whose version no event gives (none at all, only events without a version, or a history
     * that ends with an earlier deletion): their versions cannot be checked, which is fine for records imported from
     * an export made before the history, or whose events were pruned.
     *
     * @param counts the number of such records by kind, in the order to name them; kinds with 0 are left out
     */
    public static Finding withoutHistory(String where, Map<EntityKind, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        String byKind = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> plural(e.getValue(), e.getKey().wire(), e.getKey().wire() + "s"))
                .collect(Collectors.joining(", "));
        return Finding.info(Check.EVENTS, where, plural(total, "record has", "records have") + " no event giving "
                        + (total == 1 ? "its" : "their") + " version, so the history cannot check " + (total == 1
                        ? "it" : "them") + " (" + byKind + ")",
                "nothing to do: records stored before the history was kept, imported, recovered without their "
                        + "history, or whose events " + Setting.EVENTS_RETENTION.variable() + " pruned have none");
    }

    /**
     * How a finding names a record: {@code loop 'x'}, {@code spec 'p/name'}, {@code roadmap of project 'p'}; an id
     * of a hand-edited history is cut after {@value #LONGEST_ID} characters and its control characters are shown as
     * {@code <U+0007>}, so that a finding stays one harmless line.
     */
    public static String describe(EntityKind kind, String id) {
        String shown = shown(id);
        return switch (kind) {
            case ROADMAP, PLAN -> kind.wire() + " of project '" + shown + "'";
            default -> kind.wire() + " '" + shown + "'";
        };
    }

    private static String shown(String id) {
        String cut = id.length() > LONGEST_ID ? id.substring(0, LONGEST_ID) + "..." : id;
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("<U+%04X>", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
