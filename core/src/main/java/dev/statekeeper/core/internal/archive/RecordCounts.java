package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.archive.LoopRecord;
import dev.statekeeper.core.archive.RecordKind;
import dev.statekeeper.core.archive.SpecRecord;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * How many records of each kind went by, with the feedback entries of the loops and the revisions of the specs.
 * Not thread-safe. Use it as a consumer in front of another: {@code counts.andThen(writer)}.
 */
public final class RecordCounts implements Consumer<ArchiveRecord> {
    private final Map<RecordKind, Long> kinds = new EnumMap<>(RecordKind.class);
    private long feedback;
    private long revisions;

    public RecordCounts() {
        for (RecordKind kind : RecordKind.values()) {
            kinds.put(kind, 0L);
        }
    }

    @Override
    public void accept(ArchiveRecord record) {
        kinds.merge(record.kind(), 1L, Long::sum);
        if (record instanceof LoopRecord loop && loop.feedback() != null) {
            feedback += loop.feedback().size();
        } else if (record instanceof SpecRecord spec && spec.revisions() != null) {
            revisions += spec.revisions().size();
        }
    }

    public long of(RecordKind kind) {
        return kinds.get(kind);
    }

    /**
     * Records of every kind of data (each loop one record, with its feedback); the change history's records are
     * counted apart ({@link #events()}).
     */
    public long total() {
        return kinds.entrySet().stream().filter(e -> !e.getKey().history()).mapToLong(Map.Entry::getValue).sum();
    }

    /** The events of the change history that went by. */
    public long events() {
        return of(RecordKind.EVENT);
    }

    /** Whether no record went by, data or history. */
    public boolean none() {
        return kinds.values().stream().allMatch(n -> n == 0);
    }

    /** Per kind by its wire name, in kind order, zeros included: what an export's trailer holds. */
    public Map<String, Long> byKind() {
        return byKind(ArchiveCodec.VERSION);
    }

    /** As {@link #byKind()}, with the kinds an export of that format version has (version 1: no history). */
    Map<String, Long> byKind(int version) {
        Map<String, Long> out = new LinkedHashMap<>();
        kinds.forEach((kind, n) -> {
            if (version >= 2 || !kind.history()) {
                out.put(kind.wire(), n);
            }
        });
        return out;
    }

    /**
     * For people and --json: loops, feedback, objectives, specs, specRevisions, specLinks, activeLoops, roadmaps,
     * plans, sessions (the names {@code db status} uses for the ones it counts). The history is not data:
     * {@link #events()}.
     */
    public Map<String, Long> summary() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("loops", of(RecordKind.LOOP));
        out.put("feedback", feedback);
        out.put("objectives", of(RecordKind.OBJECTIVE));
        out.put("specs", of(RecordKind.SPEC));
        out.put("specRevisions", revisions);
        out.put("specLinks", of(RecordKind.SPEC_LINK));
        out.put("activeLoops", of(RecordKind.ACTIVE_LOOP));
        out.put("roadmaps", of(RecordKind.ROADMAP));
        out.put("plans", of(RecordKind.PLAN));
        out.put("sessions", of(RecordKind.SESSION));
        return out;
    }

    /** {@link #summary()} and then {@code events}: what a backup's manifest counts. */
    public Map<String, Long> summaryWithEvents() {
        Map<String, Long> out = summary();
        out.put("events", events());
        return out;
    }

    /** "3 loops, 9 feedback, 0 objectives, ..." */
    @Override
    public String toString() {
        return summary().entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }
}
