package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.ActiveLoopRecord;
import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.archive.EventRecord;
import dev.statekeeper.core.archive.EventSequenceRecord;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.archive.LoopRecord;
import dev.statekeeper.core.archive.ObjectiveRecord;
import dev.statekeeper.core.archive.PlanRecord;
import dev.statekeeper.core.archive.RoadmapRecord;
import dev.statekeeper.core.archive.SessionRecord;
import dev.statekeeper.core.archive.SpecLinkRecord;
import dev.statekeeper.core.archive.SpecRecord;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.core.internal.events.EventJournal;
import dev.statekeeper.core.internal.memory.MemorySnapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects loaded records into the {@link MemorySnapshot} a memory model is then replaced with: the records alone
 * ({@link LoadMode#REPLACE}) or laid beside what the model held ({@link LoadMode#MERGE}: new active-loop entries
 * become the newest, new specs the last created). For the stores that keep everything in memory anyway. The change
 * history given replaces the journal's ({@link #history}).
 */
public final class SnapshotLoader {
    private final List<Loop> loops = new ArrayList<>();
    private final Map<String, String> objectives = new HashMap<>();
    private final List<List<Spec>> specs = new ArrayList<>();
    private final List<MemorySnapshot.SpecLink> links = new ArrayList<>();
    private final List<String> activeOldestFirst = new ArrayList<>();
    private final List<Roadmap> roadmaps = new ArrayList<>();
    private final List<ProjectPlan> plans = new ArrayList<>();
    private final List<Session> sessions = new ArrayList<>();
    private final List<StoreEvent> events = new ArrayList<>();
    private long lastSequence;
    private boolean history;

    public void add(ArchiveRecord record) {
        switch (record) {
            case LoopRecord r -> loops.add(r.toLoop());
            case ObjectiveRecord r -> objectives.put(r.loopId(), r.text());
            case SpecRecord r -> specs.add(r.toSpecs());
            case SpecLinkRecord r -> links.add(new MemorySnapshot.SpecLink(r.loopId(), r.project(), r.name()));
            case ActiveLoopRecord r -> activeOldestFirst.add(r.loopId());
            case RoadmapRecord r -> roadmaps.add(r.toRoadmap());
            case PlanRecord r -> plans.add(r.toPlan());
            case SessionRecord r -> sessions.add(r.toSession());
            case EventRecord r -> {
                events.add(r.toEvent());
                lastSequence = Math.max(lastSequence, r.sequence());
                history = true;
            }
            case EventSequenceRecord r -> {
                lastSequence = Math.max(lastSequence, r.lastSequence());
                history = true;
            }
        }
    }

    /** The snapshot to replace {@code current} with. */
    public MemorySnapshot result(MemorySnapshot current, LoadMode mode) {
        List<String> active = new ArrayList<>(activeOldestFirst.reversed());
        if (mode == LoadMode.REPLACE) {
            return new MemorySnapshot(loops, active, objectives, specs, links, roadmaps, plans, sessions);
        }
        active.addAll(current.activeLoops());
        Map<String, String> allObjectives = new HashMap<>(current.objectiveFeedback());
        objectives.forEach((loopId, text) -> {
            if (allObjectives.putIfAbsent(loopId, text) != null) {
                throw new StatekeeperException(ErrorCode.DUPLICATE, "loop '" + loopId + "' has objective feedback already");
            }
        });
        return new MemorySnapshot(concat(current.loops(), loops), active, allObjectives, concat(current.specs(), specs),
                concat(current.specLinks(), links), concat(current.roadmaps(), roadmaps), concat(current.plans(), plans),
                concat(current.sessions(), sessions));
    }

    /**
     * The journal's state to replace {@code current} with: replacing, the history given (none for an export without
     * one), numbering on after its last sequence; merging, the history given when the journal's is empty, else the
     * journal's as it is. The request keys stay the journal's.
     *
     * @throws StatekeeperException DUPLICATE for a merge that gives events to a journal with its own history (the
     *         import leaves them out; only a load that did not check first gets here)
     */
    public EventJournal.State history(EventJournal.State current, LoadMode mode) {
        if (mode == LoadMode.MERGE && !history) {
            return current;
        }
        if (mode == LoadMode.MERGE && (current.lastSequence() > 0 || !current.events().isEmpty())) {
            throw ownHistory(current.lastSequence());
        }
        return new EventJournal.State(lastSequence, events, current.keys());
    }

    /** The refusal of a merge that gives events to a store with its own change history. */
    public static StatekeeperException ownHistory(long lastSequence) {
        return new StatekeeperException(ErrorCode.DUPLICATE, "the store has its own change history (up to event "
                + lastSequence + "): a merge does not load the events of another");
    }

    /**
     * A merge the model refused (it holds one of the keys already: another writer added it since the check) as the
     * DUPLICATE it is, rather than the CORRUPT a damaged snapshot would be.
     */
    public static StatekeeperException refusedMerge(String backend, StatekeeperException e) {
        return e.code() != ErrorCode.CORRUPT ? e
                : new StatekeeperException(ErrorCode.DUPLICATE, "cannot merge into the " + backend + " store: " + e.getMessage(), e);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
