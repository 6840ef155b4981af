package dev.statekeeper.core.archive;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The kinds of record, in the order an export writes them: whatever a record refers to comes before it (an
 * objective, a spec link and an active-loop entry name a loop; a spec link names a spec), and the change history
 * comes last ({@link #history()}).
 */
public enum RecordKind {
    /** A loop with its feedback history ({@link LoopRecord}). */
    LOOP("loop"),
    /** A loop's objective feedback ({@link ObjectiveRecord}). */
    OBJECTIVE("objective"),
    /** A spec with every revision ({@link SpecRecord}). */
    SPEC("spec"),
    /** A loop linked to a spec ({@link SpecLinkRecord}). */
    SPEC_LINK("specLink"),
    /** An entry of the active-loop history ({@link ActiveLoopRecord}). */
    ACTIVE_LOOP("activeLoop"),
    /** A project's roadmap ({@link RoadmapRecord}). */
    ROADMAP("roadmap"),
    /** A project's plan ({@link PlanRecord}). */
    PLAN("plan"),
    /** An agent work session ({@link SessionRecord}). */
    SESSION("session"),
    /** An event of the change history ({@link EventRecord}), format version 2 on; after every record it may name. */
    EVENT("event"),
    /** The change history's newest sequence ({@link EventSequenceRecord}), format version 2 on; after the events. */
    EVENT_SEQUENCE("eventSequence");

    private final String wire;

    RecordKind(String wire) {
        this.wire = wire;
    }

    /**
     * The value of a record's {@code kind} field, also the kind's name in messages ({@link #toString()}).
     *
     * @return {@code loop}, {@code objective}, {@code spec}, {@code specLink}, {@code activeLoop}, {@code roadmap},
     *         {@code plan}, {@code session}, {@code event} or {@code eventSequence}
     */
    public String wire() {
        return wire;
    }

    /**
     * Whether records of this kind are the store's change history ({@link #EVENT}, {@link #EVENT_SEQUENCE}) rather
     * than its data: a merge into a store with its own history leaves them out, and an export of format version 1
     * has none.
     *
     * @return true for the history's kinds
     */
    public boolean history() {
        return this == EVENT || this == EVENT_SEQUENCE;
    }

    /**
     * The order records must come in, for messages.
     *
     * @return every kind's {@link #wire()} in order, comma-separated: {@code loop, objective, spec, ...}
     */
    public static String order() {
        return Arrays.stream(values()).map(RecordKind::wire).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wire;
    }
}
