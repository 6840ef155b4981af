package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.ActiveLoopRecord;
import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.archive.EventRecord;
import dev.statekeeper.core.archive.EventSequenceRecord;
import dev.statekeeper.core.archive.LoopRecord;
import dev.statekeeper.core.archive.ObjectiveRecord;
import dev.statekeeper.core.archive.PlanRecord;
import dev.statekeeper.core.archive.RoadmapRecord;
import dev.statekeeper.core.archive.SessionRecord;
import dev.statekeeper.core.archive.SpecLinkRecord;
import dev.statekeeper.core.archive.SpecRecord;
import dev.statekeeper.core.internal.events.EventJournal;
import dev.statekeeper.core.internal.memory.MemorySnapshot;

import java.util.function.Consumer;

/**
 * The records of a {@link MemorySnapshot}, in export order: for the stores that keep everything in a memory model
 * (memory and json). The snapshot's orders are the export's, but for the active-loop history, which a snapshot
 * holds newest first and an export writes oldest first.
 */
public final class SnapshotRecords {
    private SnapshotRecords() {
    }

    public static void emit(MemorySnapshot s, Consumer<? super ArchiveRecord> out) {
        s.loops().forEach(loop -> out.accept(LoopRecord.of(loop)));
        s.objectiveFeedback().forEach((loopId, text) -> out.accept(new ObjectiveRecord(loopId, text)));
        s.specs().forEach(revisions -> out.accept(SpecRecord.of(revisions)));
        s.specLinks().forEach(l -> out.accept(new SpecLinkRecord(l.loopId(), l.project(), l.name())));
        s.activeLoops().reversed().forEach(id -> out.accept(new ActiveLoopRecord(id)));
        s.roadmaps().forEach(r -> out.accept(RoadmapRecord.of(r)));
        s.plans().forEach(p -> out.accept(PlanRecord.of(p)));
        s.sessions().forEach(x -> out.accept(SessionRecord.of(x)));
    }

    /** The records, then the change history: its events, and its last sequence when it gave any. */
    public static void emit(MemorySnapshot s, EventJournal.State history, Consumer<? super ArchiveRecord> out) {
        emit(s, out);
        history.events().forEach(e -> out.accept(EventRecord.of(e)));
        if (history.lastSequence() > 0) {
            out.accept(new EventSequenceRecord(history.lastSequence()));
        }
    }
}
