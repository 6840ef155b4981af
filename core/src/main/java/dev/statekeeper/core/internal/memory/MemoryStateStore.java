package dev.statekeeper.core.internal.memory;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.archive.Archive;
import dev.statekeeper.core.internal.archive.SnapshotArchive;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.internal.domain.Loops;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.PlanQuery;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionQuery;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecQuery;
import dev.statekeeper.core.internal.error.Errors;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.events.EventLog;
import dev.statekeeper.core.events.Origin;
import dev.statekeeper.core.events.RequestKeys;
import dev.statekeeper.core.internal.events.Changes;
import dev.statekeeper.core.internal.events.EventDraft;
import dev.statekeeper.core.internal.events.EventJournal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The in-process backend: everything lives in this object and is gone when it is closed. Thread-safe
 * through one lock; loops, specs, documents and sessions are kept by {@link LoopRepository}, {@link SpecRepository},
 * {@link ProjectDocumentRepository} and {@link SessionRepository}. Its operations fail only with the codes of their
 * own rules (see {@link StateStore}) and, once closed, STORE_CLOSED.
 */
public final class MemoryStateStore implements StateStore {
    private final Object lock = new Object();
    private final MemoryClock clock;
    private final LoopRepository loops;
    private final SpecRepository specs;
    private final ProjectDocumentRepository documents;
    private final SessionRepository sessions;
    private final EventJournal journal;
    private boolean closed;

    /**
     * A new, empty store, which cannot fail to open; {@link dev.statekeeper.core.api.StateStores#open} with
     * STATEKEEPER_BACKEND=memory opens one too.
     *
     * @param settings the settings: the active-loop history's size and the loop policy
     * @param clock    the clock that stamps records
     */
    public MemoryStateStore(Settings settings, Clock clock) {
        this.clock = new MemoryClock(clock);
        this.loops = new LoopRepository(this.clock, settings.loopHistorySize(), settings.loopPolicy());
        this.specs = new SpecRepository(this.clock);
        this.documents = new ProjectDocumentRepository(this.clock);
        this.sessions = new SessionRepository(this.clock);
        this.journal = new EventJournal(clock, settings.seconds(Setting.EVENTS_POLL), null);
    }

    /**
     * A store holding exactly the snapshot's records, with their ids, timestamps and versions, as
     * {@link #snapshot()} gave them. A snapshot that breaks an invariant of the model (a duplicate key, a link,
     * history entry or objective of a loop that does not exist, a missing key or timestamp) is refused with
     * CORRUPT naming the first such problem.
     *
     * @param settings the settings: the active-loop history's size and the loop policy
     * @param clock    the clock that stamps records
     * @param snapshot the records
     * @return the store
     * @throws dev.statekeeper.core.error.StatekeeperException {@link dev.statekeeper.core.error.ErrorCode#CORRUPT} as
     *         above
     */
    public static MemoryStateStore restore(Settings settings, Clock clock, MemorySnapshot snapshot) {
        MemoryStateStore store = new MemoryStateStore(settings, clock);
        store.fill(snapshot);
        return store;
    }

    /**
     * Replaces everything this store holds with exactly the records of the snapshot that {@code change} makes of
     * the current one, atomically, as {@link #restore} would hold them. A snapshot that breaks an invariant of the
     * model is refused with CORRUPT and the store keeps what it held. What {@link #archive()} loads through.
     */
    public void replace(UnaryOperator<MemorySnapshot> change) {
        lockedRun(() -> {
            MemorySnapshot before = snapshot();
            try {
                fill(change.apply(before));
            } catch (RuntimeException e) {
                fill(before);
                throw e;
            }
        });
    }

    /**
     * As {@link #replace(UnaryOperator)}, and replaces the change history with what {@code history} makes of it, in
     * the same step: what {@link #archive()} loads through. The history is worked out first, so a refusal there
     * changes nothing.
     */
    public void replace(UnaryOperator<MemorySnapshot> change, UnaryOperator<EventJournal.State> history) {
        lockedRun(() -> {
            EventJournal.State next = history.apply(journal.state());
            replace(change);
            journal.restore(next);
        });
    }

    /** The records and the change history of one moment, as {@link #archive()} exports them. */
    public SnapshotArchive.Contents contents() {
        return locked(() -> new SnapshotArchive.Contents(snapshot(), journal.state()));
    }

    /** The change history, kept in memory with the records (and saved with them by the json backend). */
    @Override
    public EventLog events() {
        return journal;
    }

    /** The request keys, kept in memory with the history. */
    @Override
    public RequestKeys requestKeys() {
        return journal;
    }

    /** The history and request keys, as the json backend saves and restores them with the records. */
    public EventJournal journal() {
        return journal;
    }

    /** Export and import of every record and the change history, a load all at once ({@link SnapshotArchive}). */
    @Override
    public Archive archive() {
        return new SnapshotArchive(MemoryStoreProvider.NAME, this::contents, this::replace);
    }

    private void fill(MemorySnapshot snapshot) {
        loops.clear();
        specs.clear();
        documents.clear();
        sessions.clear();
        loops.restore(snapshot.loops(), snapshot.activeLoops(), snapshot.objectiveFeedback());
        specs.restore(snapshot.specs(), snapshot.specLinks());
        for (MemorySnapshot.SpecLink link : snapshot.specLinks()) {
            if (!loops.contains(link.loopId())) {
                throw MemorySnapshot.inconsistent("spec '" + link.name() + "' of project '" + link.project()
                        + "' is linked to loop '" + link.loopId() + "', which does not exist");
            }
        }
        documents.restore(snapshot.roadmaps(), snapshot.plans());
        sessions.restore(snapshot.sessions());
    }

    /** Every record this store holds, in a stable order; see {@link MemorySnapshot}. */
    public MemorySnapshot snapshot() {
        return locked(() -> new MemorySnapshot(loops.loops(), loops.history(), loops.objectives(), specs.revisions(),
                specs.links(), documents.roadmaps(), documents.plans(), sessions.sessions()));
    }

    private <T> T locked(Supplier<T> work) {
        synchronized (lock) {
            if (closed) {
                throw Errors.closed(MemoryStoreProvider.NAME);
            }
            return work.get();
        }
    }

    /** A write: its work adds the events of what it changed, which are kept once it returns (under the lock). */
    private <T> T written(Function<List<EventDraft>, T> work) {
        return locked(() -> {
            Origin origin = Origin.current();
            journal.check(origin);
            List<EventDraft> events = new ArrayList<>(1);
            T result = work.apply(events);
            journal.commit(origin, events);
            return result;
        });
    }

    /** A write of one event, made of its result. */
    private <T> T written(Supplier<T> work, Function<T, EventDraft> event) {
        return written(events -> {
            T result = work.get();
            events.add(event.apply(result));
            return result;
        });
    }

    private Spec specStored(List<EventDraft> events, Spec after) {
        List<Spec> history = specs.history(after.project(), after.name());
        events.add(Changes.specStored(history.size() < 2 ? null : history.get(history.size() - 2), after));
        return after;
    }


    private void lockedRun(Runnable work) {
        locked(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public StoreInfo info() {
        return locked(() -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("loops", (long) loops.size());
            counts.put("feedback", loops.feedbackCount());
            counts.put("specs", (long) specs.size());
            counts.put("specRevisions", specs.revisionCount());
            counts.put("roadmaps", (long) documents.roadmapCount());
            counts.put("plans", (long) documents.planCount());
            counts.put("sessions", (long) sessions.size());
            return new StoreInfo(MemoryStoreProvider.NAME, MemoryStoreProvider.LOCATION, null, counts);
        });
    }

    @Override
    public Loop createLoop(NewLoop loop) {
        loop.validate();
        return written(() -> loops.create(loop), Changes::loopCreated);
    }

    @Override
    public Loop getLoop(String id) {
        return locked(() -> loops.get(id));
    }

    @Override
    public Page<LoopSummary> listLoops(LoopQuery query) {
        query.paging().validate();
        return locked(() -> loops.list(query));
    }

    @Override
    public List<LoopSummary> activeLoops() {
        return locked(loops::active);
    }

    @Override
    public LoopSummary addFeedback(String loopId, CriticFeedback feedback, Long expectedVersion) {
        feedback.validate();
        return written(events -> {
            LoopStatus before = loops.contains(loopId) ? loops.status(loopId) : null;
            LoopSummary after = loops.addFeedback(loopId, feedback, expectedVersion);
            events.add(Changes.feedbackAdded(before, after, feedback));
            return after;
        });
    }

    @Override
    public Decision decide(String loopId, Long expectedVersion) {
        return written(events -> {
            LoopStatus before = loops.contains(loopId) ? loops.status(loopId) : null;
            Decision decision = loops.decide(loopId, expectedVersion);
            events.add(Changes.decided(before, loops.project(loopId), decision));
            return decision;
        });
    }

    @Override
    public void putObjectiveFeedback(String loopId, String text) {
        Loops.validateObjective(text);
        written(events -> {
            loops.putObjective(loopId, text);
            events.add(Changes.objectiveStored(loopId, loops.project(loopId), text));
            return null;
        });
    }

    @Override
    public String getObjectiveFeedback(String loopId) {
        return locked(() -> loops.objective(loopId));
    }

    @Override
    public void deleteLoop(String id) {
        written(events -> {
            String project = loops.contains(id) ? loops.project(id) : null;
            loops.delete(id);
            specs.unlink(id);
            events.add(Changes.loopDeleted(id, project));
            return null;
        });
    }

    @Override
    public List<String> cleanLoops(Duration olderThan, boolean dryRun) {
        if (dryRun) {
            return locked(() -> loops.cleanable(olderThan));
        }
        return written(events -> {
            List<String> ids = loops.cleanable(olderThan);
            ids.forEach(id -> {
                events.add(Changes.loopCleaned(id, loops.project(id), olderThan));
                loops.delete(id);
                specs.unlink(id);
            });
            return ids;
        });
    }

    @Override
    public Spec putSpec(String project, SpecContent content) {
        return written(events -> specStored(events, specs.put(project, content)));
    }

    @Override
    public Spec updateSpec(String project, String name, SpecContent content, Long expectedVersion) {
        return written(events -> specStored(events, specs.update(project, name, content, expectedVersion)));
    }

    @Override
    public Spec getSpec(String project, String name) {
        return locked(() -> specs.get(project, name));
    }

    @Override
    public Page<Spec> listSpecs(SpecQuery query) {
        query.paging().validate();
        return locked(() -> specs.list(query));
    }

    @Override
    public List<Spec> specHistory(String project, String name) {
        return locked(() -> specs.history(project, name));
    }

    @Override
    public Spec resolveSpec(String project, String partialName) {
        return locked(() -> specs.resolve(project, partialName));
    }

    @Override
    public void deleteSpec(String project, String name) {
        written(events -> {
            specs.delete(project, name);
            events.add(Changes.specDeleted(project, name));
            return null;
        });
    }

    @Override
    public void linkLoop(String loopId, String project, String specName) {
        written(events -> {
            String loopProject = loops.project(loopId);
            String linkedBefore = specs.linkOf(loopId);
            specs.link(loopId, project, specName);
            if (!specs.linkOf(loopId).equals(linkedBefore)) {
                Spec linked = specs.forLoop(loopId);
                events.add(Changes.linked(loopId, loopProject, linked.project(), linked.name()));
            }
            return null;
        });
    }

    @Override
    public void unlinkLoop(String loopId) {
        written(events -> {
            String loopProject = loops.project(loopId);
            if (specs.linkOf(loopId) != null) {
                specs.unlink(loopId);
                events.add(Changes.unlinked(loopId, loopProject));
            }
            return null;
        });
    }

    @Override
    public Spec specForLoop(String loopId) {
        return locked(() -> {
            loops.get(loopId);
            return specs.forLoop(loopId);
        });
    }

    @Override
    public Roadmap putRoadmap(String project, RoadmapContent content, Long expectedVersion) {
        return written(events -> {
            Roadmap before = documents.storedRoadmap(project);
            Roadmap after = documents.putRoadmap(project, content, expectedVersion, specs.ofProject(project));
            events.add(Changes.roadmapStored(before, after));
            return after;
        });
    }

    @Override
    public Roadmap getRoadmap(String project) {
        return locked(() -> documents.roadmap(project, specs.ofProject(project)));
    }

    @Override
    public ProjectPlan putPlan(String project, PlanContent content, Long expectedVersion) {
        return written(events -> {
            ProjectPlan before = documents.storedPlan(project);
            ProjectPlan after = documents.putPlan(project, content, expectedVersion);
            events.add(Changes.planStored(before, after));
            return after;
        });
    }

    @Override
    public ProjectPlan getPlan(String project) {
        return locked(() -> documents.plan(project));
    }

    @Override
    public Page<ProjectPlan> listPlans(PlanQuery query) {
        query.paging().validate();
        return locked(() -> documents.listPlans(query));
    }

    @Override
    public void deletePlan(String project) {
        written(events -> {
            documents.deletePlan(project);
            events.add(Changes.planDeleted(project));
            return null;
        });
    }

    @Override
    public Session startSession(NewSession session) {
        session.validate();
        return written(() -> sessions.start(session), Changes::sessionStarted);
    }

    @Override
    public Session getSession(String name) {
        return locked(() -> sessions.get(name));
    }

    @Override
    public Page<Session> listSessions(SessionQuery query) {
        query.paging().validate();
        return locked(() -> sessions.list(query));
    }

    @Override
    public Session endSession(String name) {
        return written(() -> sessions.end(name), Changes::sessionEnded);
    }

    @Override
    public List<String> cleanSessions(Duration olderThan, boolean dryRun) {
        if (dryRun) {
            return locked(() -> sessions.clean(olderThan, true));
        }
        return written(events -> {
            List<String> names = sessions.clean(olderThan, false);
            names.forEach(name -> events.add(Changes.sessionCleaned(name, olderThan)));
            return names;
        });
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    /** Pages a list that is already filtered and ordered. */
    static <T> Page<T> page(List<T> all, dev.statekeeper.core.domain.Paging paging) {
        int from = Math.min(paging.offset(), all.size());
        int to = Math.min(all.size(), from + paging.limit());
        return new Page<>(all.subList(from, to), all.size(), paging.limit(), paging.offset());
    }
}
