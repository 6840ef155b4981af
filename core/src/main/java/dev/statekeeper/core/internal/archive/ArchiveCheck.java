package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.ActiveLoopRecord;
import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.archive.EventRecord;
import dev.statekeeper.core.archive.EventSequenceRecord;
import dev.statekeeper.core.archive.LoopRecord;
import dev.statekeeper.core.archive.ObjectiveRecord;
import dev.statekeeper.core.archive.PlanRecord;
import dev.statekeeper.core.archive.RecordKind;
import dev.statekeeper.core.archive.RoadmapRecord;
import dev.statekeeper.core.archive.SessionRecord;
import dev.statekeeper.core.archive.SpecLinkRecord;
import dev.statekeeper.core.archive.SpecRecord;
import dev.statekeeper.core.error.Checks;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The first pass of an import: every line is checked before anything is written, and every problem is reported
 * at once, each naming its line and field: lines that are no record, the rules of the domain
 * ({@link ArchiveRecord#check}), records out of kind order, a key twice, a reference to a loop or spec that is
 * neither in the export nor (merging) in the store, (merging) a record the store has with other content, and in
 * the change history events out of sequence order (or twice) or a last sequence below the last event's. Merging into a store
 * with its own history, the export's history is left out (counted as skipped: its numbers would collide). Keeps the
 * keys it has seen, not the records.
 */
final class ArchiveCheck {
    /** The most problems the message shows. */
    private static final int SHOWN = 20;
    /** The most problems kept; the others are only counted. */
    private static final int KEPT = 10_000;

    /** What the second pass loads: the counts, and the lines of records the store holds already, identical. */
    record Plan(RecordCounts load, RecordCounts skipped, BitSet skipLines) {
        /** Loading every line of an export that holds these records. */
        static Plan loadingAll(RecordCounts load) {
            return new Plan(load, new RecordCounts(), new BitSet());
        }

        boolean skips(long line) {
            return line <= Integer.MAX_VALUE && skipLines.get((int) line);
        }
    }

    private final String source;
    private final RecordIndex store;
    private final Map<String, Long> firstLine = new HashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private final RecordCounts load = new RecordCounts();
    private final RecordCounts skipped = new RecordCounts();
    private final BitSet skipLines = new BitSet();
    private long problems;
    private RecordKind last;
    /** The sequence of the last event seen, and its line. */
    private long lastEvent;
    private long lastEventLine;

    /** @param store the index of the store merged into, or null when nothing of the store stays (replace) */
    ArchiveCheck(String source, RecordIndex store) {
        this.source = source;
        this.store = store;
    }

    void line(ArchiveLine line) {
        if (!line.ok()) {
            line.problems().forEach(this::problem);
            return;
        }
        ArchiveRecord record = line.record();
        String at = "line " + line.number() + ": ";
        Checks checks = Checks.of("record");
        record.check(checks);
        checks.violations().forEach(v -> problem(new Violation(at + v.field(), v.value(), v.rule())));
        if (last != null && record.kind().compareTo(last) < 0) {
            problem(new Violation(at + "kind", record.kind().wire(), "must come before the " + last
                    + " records (records come in the order " + RecordKind.order() + ")"));
        } else {
            last = record.kind();
        }
        if (record.key() == null) {
            return;
        }
        // events are not remembered by key, so memory stays flat for any history: their rising order finds a twice
        Long first = record instanceof EventRecord ? null : firstLine.putIfAbsent(id(record.kind(), record.key()),
                line.number());
        if (first != null) {
            problem(new Violation(at + keyField(record), keyValue(record), record.describe()
                    + " appears twice (first on line " + first + ")"));
            return;
        }
        references(at, record);
        history(at, line.number(), record);
        if (!checks.ok()) {
            return;
        }
        if (store != null && record.kind().history() && store.hasHistory()) {
            skipLines.set(Math.toIntExact(line.number()));
            skipped.accept(record);
            return;
        }
        if (store != null) {
            RecordIndex.Match match = record instanceof ActiveLoopRecord a && store.contains(RecordKind.LOOP, a.loopId())
                    ? RecordIndex.Match.IDENTICAL // only the loops a merge adds join the history, as the newest
                    : store.match(record);
            switch (match) {
                case IDENTICAL -> {
                    skipLines.set(Math.toIntExact(line.number()));
                    skipped.accept(record);
                    return;
                }
                case DIFFERENT -> problem(new Violation(at + keyField(record), keyValue(record), "the store has "
                        + record.describe() + " with other content, and a merge never overwrites a record"));
                case ABSENT -> { }
            }
        }
        load.accept(record);
    }

    /** The plan of the second pass; VALIDATION_FAILED listing every problem when there was any. */
    Plan finish() {
        if (problems == 0) {
            return new Plan(load, skipped, skipLines);
        }
        String shown = violations.stream().limit(SHOWN).map(Violation::toString).collect(Collectors.joining("; "));
        String more = problems > SHOWN ? "; and " + (problems - SHOWN) + " more" : "";
        String count = problems == 1 ? "1 problem" : problems + " problems";
        throw new StatekeeperException(ErrorCode.VALIDATION_FAILED, "invalid " + source + " (" + count
                + ", nothing was imported): " + shown + more, violations, Map.of("problems", problems), null);
    }

    private void references(String at, ArchiveRecord record) {
        switch (record) {
            case ObjectiveRecord r -> requireLoop(at, r.loopId());
            case ActiveLoopRecord r -> requireLoop(at, r.loopId());
            case SpecLinkRecord r -> {
                requireLoop(at, r.loopId());
                if (r.project() != null && r.name() != null && !known(RecordKind.SPEC, r.specKey())) {
                    problem(new Violation(at + "name", r.name(), "names no spec of project '" + r.project() + "' "
                            + where()));
                }
            }
            default -> { }
        }
    }

    /** Events come in rising sequence order; the last sequence is at least the last event's. */
    private void history(String at, long number, ArchiveRecord record) {
        if (record instanceof EventRecord e) {
            if (lastEventLine > 0 && e.sequence() == lastEvent) {
                problem(new Violation(at + "sequence", e.sequence(), e.describe() + " appears twice (first on line "
                        + lastEventLine + ")"));
            } else if (lastEventLine > 0 && e.sequence() < lastEvent) {
                problem(new Violation(at + "sequence", e.sequence(), "must be greater than the sequence of the event "
                        + "before it (" + lastEvent + " on line " + lastEventLine + "): events come in sequence order"));
            } else {
                lastEvent = e.sequence();
                lastEventLine = number;
            }
        } else if (record instanceof EventSequenceRecord s && lastEventLine > 0 && s.lastSequence() < lastEvent) {
            problem(new Violation(at + "lastSequence", s.lastSequence(), "must be at least the sequence of the last "
                    + "event (" + lastEvent + " on line " + lastEventLine + ")"));
        }
    }

    private void requireLoop(String at, String loopId) {
        if (loopId != null && !known(RecordKind.LOOP, loopId)) {
            problem(new Violation(at + "loopId", loopId, "names no loop " + where()));
        }
    }

    private boolean known(RecordKind kind, String key) {
        return firstLine.containsKey(id(kind, key)) || store != null && store.contains(kind, key);
    }

    private String where() {
        return store == null ? "of the export" : "of the export or the store";
    }

    private void problem(Violation v) {
        problems++;
        if (violations.size() < KEPT) {
            violations.add(v);
        }
    }

    private static String id(RecordKind kind, String key) {
        return kind.wire() + ":" + key;
    }

    private static String keyField(ArchiveRecord record) {
        return switch (record) {
            case LoopRecord r -> "id";
            case SpecRecord r -> "name";
            case RoadmapRecord r -> "project";
            case PlanRecord r -> "project";
            case SessionRecord r -> "name";
            case ObjectiveRecord r -> "loopId";
            case SpecLinkRecord r -> "loopId";
            case ActiveLoopRecord r -> "loopId";
            case EventRecord r -> "sequence";
            case EventSequenceRecord r -> "lastSequence";
        };
    }

    private static Object keyValue(ArchiveRecord record) {
        return switch (record) {
            case SpecRecord s -> s.name();
            case EventRecord e -> e.sequence();
            case EventSequenceRecord s -> s.lastSequence();
            default -> record.key();
        };
    }
}
