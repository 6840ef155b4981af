package dev.statekeeper.core.api;

import dev.statekeeper.core.archive.Archive;
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

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Durable state for agent workflow tools: one interface, every backend. Every method validates its input
 * before writing anything and fails with {@link dev.statekeeper.core.error.StatekeeperException}; the
 * exception's code says what went wrong (not found, invalid, conflict, backend unavailable...).
 *
 * <p>Writes that take an {@code expectedVersion} are optimistic: when it is not null and the record's
 * current version differs, nothing is written and STALE_VERSION is thrown. Without it, concurrent
 * writes to one record are serialized and none is lost.
 *
 * <p>Implementations are thread-safe. Open one with {@link StateStores#open}.
 */
public interface StateStore extends AutoCloseable {

    /** Backend, location, schema version and record counts. */
    StoreInfo info();

    /**
     * Checks that the store answers, as cheaply as the backend can (one trivial query, no counting): for
     * readiness probes. Fails like any operation when it does not.
     */
    default void ping() {
        info();
    }

    /** The connection pool's counts, for backends that pool connections; empty for the others. */
    default Optional<PoolStats> poolStats() {
        return Optional.empty();
    }

    /**
     * Every record with its ids, timestamps and versions, out and in: {@link Archive#export} streams one
     * consistent snapshot, {@link Archive#loader} writes records as they were. What {@code db export},
     * {@code db import}, {@code db copy} and backups are built on.
     */
    Archive archive();

    // ---- loops ----

    Loop createLoop(NewLoop loop);

    Loop getLoop(String id);

    /** Loops matching the query, newest first. */
    Page<LoopSummary> listLoops(LoopQuery query);

    /** The bounded active-loop history: the most recently created loops, newest first. */
    List<LoopSummary> activeLoops();

    /**
     * Appends critic feedback atomically: the entry, the current score, the score history, and
     * initialized -> in_progress. Returns the loop's new state without its history, so an append costs
     * the same at any history length; {@link #getLoop} reads the whole history.
     */
    LoopSummary addFeedback(String loopId, CriticFeedback feedback, Long expectedVersion);

    default LoopSummary addFeedback(String loopId, CriticFeedback feedback) {
        return addFeedback(loopId, feedback, null);
    }

    /** Decides the next action with the configured {@link dev.statekeeper.core.domain.LoopPolicy} and stores it. */
    Decision decide(String loopId, Long expectedVersion);

    default Decision decide(String loopId) {
        return decide(loopId, null);
    }

    /** Stores (replaces) the loop's objective feedback text. */
    void putObjectiveFeedback(String loopId, String text);

    String getObjectiveFeedback(String loopId);

    /** Deletes the loop with its feedback, history entry, objective feedback and spec link. */
    void deleteLoop(String id);

    /**
     * Removes completed loops last updated more than {@code olderThan} ago, each as {@link #deleteLoop} would, in
     * one write; returns their ids (those it would remove on a dry run, which changes nothing), sorted by
     * {@link String#compareTo}.
     */
    List<String> cleanLoops(Duration olderThan, boolean dryRun);

    // ---- specs ----

    /** Stores a spec keyed by its normalized title: creates it, or updates it when it exists. */
    Spec putSpec(String project, SpecContent content);

    /** Updates an existing spec; frozen fields may be omitted or repeated unchanged. */
    Spec updateSpec(String project, String name, SpecContent content, Long expectedVersion);

    Spec getSpec(String project, String name);

    /** A project's specs in creation order. */
    Page<Spec> listSpecs(SpecQuery query);

    /** Every revision of the spec, oldest first (version 1, 2, ...). */
    List<Spec> specHistory(String project, String name);

    /** The spec a partial name denotes: exact, prefix, substring, then fuzzy; only when unambiguous. */
    Spec resolveSpec(String project, String partialName);

    /** Deletes the spec, its revisions and its links to loops. */
    void deleteSpec(String project, String name);

    /** Links a loop to a spec (replacing an earlier link of that loop). */
    void linkLoop(String loopId, String project, String specName);

    void unlinkLoop(String loopId);

    Spec specForLoop(String loopId);

    // ---- roadmaps ----

    /**
     * Creates or updates the project's roadmap (null fields keep their stored value). With an
     * {@code expectedVersion}, only when the stored roadmap is at that version (STALE_VERSION otherwise, also when
     * there is none yet).
     */
    Roadmap putRoadmap(String project, RoadmapContent content, Long expectedVersion);

    default Roadmap putRoadmap(String project, RoadmapContent content) {
        return putRoadmap(project, content, null);
    }

    /** The roadmap with the project's specs in creation order. */
    Roadmap getRoadmap(String project);

    // ---- project plans ----

    /** Creates or updates the project's plan; an {@code expectedVersion} as for {@link #putRoadmap}. */
    ProjectPlan putPlan(String project, PlanContent content, Long expectedVersion);

    default ProjectPlan putPlan(String project, PlanContent content) {
        return putPlan(project, content, null);
    }

    ProjectPlan getPlan(String project);

    Page<ProjectPlan> listPlans(PlanQuery query);

    void deletePlan(String project);

    // ---- sessions ----

    Session startSession(NewSession session);

    Session getSession(String name);

    /** Sessions matching the query, newest first. */
    Page<Session> listSessions(SessionQuery query);

    Session endSession(String name);

    /** Removes ended sessions last updated more than {@code olderThan} ago; returns their names. */
    List<String> cleanSessions(Duration olderThan, boolean dryRun);

    /** Releases files, connections and locks. Using the store afterwards fails with STORE_CLOSED. */
    @Override
    void close();
}
