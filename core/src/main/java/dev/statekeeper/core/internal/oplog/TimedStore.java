package dev.statekeeper.core.internal.oplog;

import dev.statekeeper.core.api.PoolStats;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.archive.Archive;
import dev.statekeeper.core.events.EventLog;
import dev.statekeeper.core.events.RequestKeys;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopSummary;
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
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.perf.OperationLog;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one place store operations are timed: wraps the store a backend opened ({@link
 * dev.statekeeper.core.api.StateStores#open} does it) and counts every operation, whichever interface called it (Java
 * API, CLI, HTTP, MCP), with its outcome ({@code ok} or the error code), how many times the backend ran it and how
 * long it waited for a connection ({@link Probe}), into its {@link OperationRecorder}. Written out method by method
 * rather than as a dynamic proxy: a proxy allocates an argument array and boxes on every call, and this is on every
 * operation's path. {@code TimedStoreTest} checks that every operation of {@link StateStore} is here.
 *
 * <p>{@code poolStats} and {@code archive} are not operations (counters in memory; the export and import SPI) and
 * pass through untimed. The convenience defaults ({@code addFeedback} without a version) call the timed method.
 */
public final class TimedStore implements StateStore {
    private final StateStore store;
    private final OperationRecorder log;

    private TimedStore(StateStore store, OperationRecorder log) {
        this.store = store;
        this.log = log;
    }

    /**
     * Wraps a store just opened. With STATEKEEPER_OPLOG=false, or on a store that cannot keep the log, the log stays
     * in this process (the operations are still timed: {@code serve}'s metrics read them).
     *
     * @param store    the backend's store
     * @param backend  the backend's name
     * @param settings the settings it was opened with
     * @param clock    the clock it was opened with
     * @return the timed store, which closes the backend's store
     */
    public static StateStore wrap(StateStore store, String backend, Settings settings, Clock clock) {
        OperationLogStorage storage = settings.flag(Setting.OPLOG) && store instanceof OperationLogBacked backed
                ? backed.operationLogStorage() : null;
        return new TimedStore(store, new OperationRecorder(backend, storage,
                settings.integer(Setting.SLOW_OPERATION_MS), settings.seconds(Setting.OPLOG_RETENTION), clock));
    }

    private static long begin() {
        Probe.start();
        return System.nanoTime();
    }

    private <T> T ended(String operation, long started, T result) {
        ended(operation, started);
        return result;
    }

    private void ended(String operation, long started) {
        log.ended(operation, "ok", false, false, System.nanoTime() - started, Probe.current());
    }

    private RuntimeException failed(String operation, long started, RuntimeException e) {
        long nanos = System.nanoTime() - started;
        if (e instanceof StatekeeperException s) {
            log.ended(operation, s.code().wire(), true, s.code().httpStatus() >= 500, nanos, Probe.current());
        } else {
            log.ended(operation, "internal", true, true, nanos, Probe.current());
        }
        return e;
    }

    @Override
    public OperationLog operationLog() {
        return log;
    }

    @Override
    public Optional<PoolStats> poolStats() {
        return store.poolStats();
    }

    @Override
    public Archive archive() {
        return store.archive();
    }

    @Override
    public EventLog events() {
        return store.events();
    }

    @Override
    public RequestKeys requestKeys() {
        return store.requestKeys();
    }

    @Override
    public StoreInfo info() {
        long started = begin();
        try {
            return ended("info", started, store.info());
        } catch (RuntimeException e) {
            throw failed("info", started, e);
        }
    }

    @Override
    public void ping() {
        long started = begin();
        try {
            store.ping();
        } catch (RuntimeException e) {
            throw failed("ping", started, e);
        }
        ended("ping", started);
    }

    @Override
    public Loop createLoop(NewLoop loop) {
        long started = begin();
        try {
            return ended("createLoop", started, store.createLoop(loop));
        } catch (RuntimeException e) {
            throw failed("createLoop", started, e);
        }
    }

    @Override
    public Loop getLoop(String id) {
        long started = begin();
        try {
            return ended("getLoop", started, store.getLoop(id));
        } catch (RuntimeException e) {
            throw failed("getLoop", started, e);
        }
    }

    @Override
    public Page<LoopSummary> listLoops(LoopQuery query) {
        long started = begin();
        try {
            return ended("listLoops", started, store.listLoops(query));
        } catch (RuntimeException e) {
            throw failed("listLoops", started, e);
        }
    }

    @Override
    public List<LoopSummary> activeLoops() {
        long started = begin();
        try {
            return ended("activeLoops", started, store.activeLoops());
        } catch (RuntimeException e) {
            throw failed("activeLoops", started, e);
        }
    }

    @Override
    public LoopSummary addFeedback(String loopId, CriticFeedback feedback, Long expectedVersion) {
        long started = begin();
        try {
            return ended("addFeedback", started, store.addFeedback(loopId, feedback, expectedVersion));
        } catch (RuntimeException e) {
            throw failed("addFeedback", started, e);
        }
    }

    @Override
    public Decision decide(String loopId, Long expectedVersion) {
        long started = begin();
        try {
            return ended("decide", started, store.decide(loopId, expectedVersion));
        } catch (RuntimeException e) {
            throw failed("decide", started, e);
        }
    }

    @Override
    public void putObjectiveFeedback(String loopId, String text) {
        long started = begin();
        try {
            store.putObjectiveFeedback(loopId, text);
        } catch (RuntimeException e) {
            throw failed("putObjectiveFeedback", started, e);
        }
        ended("putObjectiveFeedback", started);
    }

    @Override
    public String getObjectiveFeedback(String loopId) {
        long started = begin();
        try {
            return ended("getObjectiveFeedback", started, store.getObjectiveFeedback(loopId));
        } catch (RuntimeException e) {
            throw failed("getObjectiveFeedback", started, e);
        }
    }

    @Override
    public void deleteLoop(String id) {
        long started = begin();
        try {
            store.deleteLoop(id);
        } catch (RuntimeException e) {
            throw failed("deleteLoop", started, e);
        }
        ended("deleteLoop", started);
    }

    @Override
    public List<String> cleanLoops(Duration olderThan, boolean dryRun) {
        long started = begin();
        try {
            return ended("cleanLoops", started, store.cleanLoops(olderThan, dryRun));
        } catch (RuntimeException e) {
            throw failed("cleanLoops", started, e);
        }
    }

    @Override
    public Spec putSpec(String project, SpecContent content) {
        long started = begin();
        try {
            return ended("putSpec", started, store.putSpec(project, content));
        } catch (RuntimeException e) {
            throw failed("putSpec", started, e);
        }
    }

    @Override
    public Spec updateSpec(String project, String name, SpecContent content, Long expectedVersion) {
        long started = begin();
        try {
            return ended("updateSpec", started, store.updateSpec(project, name, content, expectedVersion));
        } catch (RuntimeException e) {
            throw failed("updateSpec", started, e);
        }
    }

    @Override
    public Spec getSpec(String project, String name) {
        long started = begin();
        try {
            return ended("getSpec", started, store.getSpec(project, name));
        } catch (RuntimeException e) {
            throw failed("getSpec", started, e);
        }
    }

    @Override
    public Page<Spec> listSpecs(SpecQuery query) {
        long started = begin();
        try {
            return ended("listSpecs", started, store.listSpecs(query));
        } catch (RuntimeException e) {
            throw failed("listSpecs", started, e);
        }
    }

    @Override
    public List<Spec> specHistory(String project, String name) {
        long started = begin();
        try {
            return ended("specHistory", started, store.specHistory(project, name));
        } catch (RuntimeException e) {
            throw failed("specHistory", started, e);
        }
    }

    @Override
    public Spec resolveSpec(String project, String partialName) {
        long started = begin();
        try {
            return ended("resolveSpec", started, store.resolveSpec(project, partialName));
        } catch (RuntimeException e) {
            throw failed("resolveSpec", started, e);
        }
    }

    @Override
    public void deleteSpec(String project, String name) {
        long started = begin();
        try {
            store.deleteSpec(project, name);
        } catch (RuntimeException e) {
            throw failed("deleteSpec", started, e);
        }
        ended("deleteSpec", started);
    }

    @Override
    public void linkLoop(String loopId, String project, String specName) {
        long started = begin();
        try {
            store.linkLoop(loopId, project, specName);
        } catch (RuntimeException e) {
            throw failed("linkLoop", started, e);
        }
        ended("linkLoop", started);
    }

    @Override
    public void unlinkLoop(String loopId) {
        long started = begin();
        try {
            store.unlinkLoop(loopId);
        } catch (RuntimeException e) {
            throw failed("unlinkLoop", started, e);
        }
        ended("unlinkLoop", started);
    }

    @Override
    public Spec specForLoop(String loopId) {
        long started = begin();
        try {
            return ended("specForLoop", started, store.specForLoop(loopId));
        } catch (RuntimeException e) {
            throw failed("specForLoop", started, e);
        }
    }

    @Override
    public Roadmap putRoadmap(String project, RoadmapContent content, Long expectedVersion) {
        long started = begin();
        try {
            return ended("putRoadmap", started, store.putRoadmap(project, content, expectedVersion));
        } catch (RuntimeException e) {
            throw failed("putRoadmap", started, e);
        }
    }

    @Override
    public Roadmap getRoadmap(String project) {
        long started = begin();
        try {
            return ended("getRoadmap", started, store.getRoadmap(project));
        } catch (RuntimeException e) {
            throw failed("getRoadmap", started, e);
        }
    }

    @Override
    public ProjectPlan putPlan(String project, PlanContent content, Long expectedVersion) {
        long started = begin();
        try {
            return ended("putPlan", started, store.putPlan(project, content, expectedVersion));
        } catch (RuntimeException e) {
            throw failed("putPlan", started, e);
        }
    }

    @Override
    public ProjectPlan getPlan(String project) {
        long started = begin();
        try {
            return ended("getPlan", started, store.getPlan(project));
        } catch (RuntimeException e) {
            throw failed("getPlan", started, e);
        }
    }

    @Override
    public Page<ProjectPlan> listPlans(PlanQuery query) {
        long started = begin();
        try {
            return ended("listPlans", started, store.listPlans(query));
        } catch (RuntimeException e) {
            throw failed("listPlans", started, e);
        }
    }

    @Override
    public void deletePlan(String project) {
        long started = begin();
        try {
            store.deletePlan(project);
        } catch (RuntimeException e) {
            throw failed("deletePlan", started, e);
        }
        ended("deletePlan", started);
    }

    @Override
    public Session startSession(NewSession session) {
        long started = begin();
        try {
            return ended("startSession", started, store.startSession(session));
        } catch (RuntimeException e) {
            throw failed("startSession", started, e);
        }
    }

    @Override
    public Session getSession(String name) {
        long started = begin();
        try {
            return ended("getSession", started, store.getSession(name));
        } catch (RuntimeException e) {
            throw failed("getSession", started, e);
        }
    }

    @Override
    public Page<Session> listSessions(SessionQuery query) {
        long started = begin();
        try {
            return ended("listSessions", started, store.listSessions(query));
        } catch (RuntimeException e) {
            throw failed("listSessions", started, e);
        }
    }

    @Override
    public Session endSession(String name) {
        long started = begin();
        try {
            return ended("endSession", started, store.endSession(name));
        } catch (RuntimeException e) {
            throw failed("endSession", started, e);
        }
    }

    @Override
    public List<String> cleanSessions(Duration olderThan, boolean dryRun) {
        long started = begin();
        try {
            return ended("cleanSessions", started, store.cleanSessions(olderThan, dryRun));
        } catch (RuntimeException e) {
            throw failed("cleanSessions", started, e);
        }
    }

    @Override
    public void close() {
        try {
            log.close();
        } finally {
            store.close();
        }
    }

    @Override
    public String toString() {
        return store.toString();
    }
}
