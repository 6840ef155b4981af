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
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.events.EventLog;
import dev.statekeeper.core.events.RequestKeys;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.perf.OperationLog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Durable state for agent workflow tools: one interface, every backend. Open one with {@link StateStores#open}
 * (or a backend's own entry point), share it between threads, and {@link #close()} it when done.
 *
 * <h2>Errors</h2>
 * Every failure is a {@link StatekeeperException}; its {@link StatekeeperException#code() code} says what went
 * wrong. Each method names the codes its own rules throw, and when. An operation checks its input and what it
 * refers to before it writes: a refused write changes nothing. Text is checked alike everywhere: a value over its
 * field's length, or holding a NUL character or a lone surrogate (which not every backend can store exactly), is
 * refused with {@link ErrorCode#VALIDATION_FAILED} naming the field. Beyond its own codes, any operation may fail
 * with:
 * <ul>
 *   <li>{@link ErrorCode#STORE_CLOSED} once the store is closed;</li>
 *   <li>the codes of the storage it cannot use: on SQLite {@link ErrorCode#DATABASE_BUSY} (another process held
 *       the write lock past STATEKEEPER_SQLITE_BUSY_TIMEOUT), {@link ErrorCode#READ_ONLY},
 *       {@link ErrorCode#CANNOT_OPEN}, {@link ErrorCode#DISK_FULL} or {@link ErrorCode#CORRUPT}; on PostgreSQL
 *       {@link ErrorCode#BACKEND_UNAVAILABLE} (unreachable server, refused login, no pooled connection within
 *       DATABASE_POOL_TIMEOUT, statement timeout, transient failures still failing after the retries),
 *       {@link ErrorCode#READ_ONLY} (a standby), {@link ErrorCode#DISK_FULL} (the server's disk) or
 *       {@link ErrorCode#MIGRATION_DRIFT} (a table is missing); on
 *       json {@link ErrorCode#DATABASE_BUSY} (a write waited past STATEKEEPER_JSON_LOCK_TIMEOUT for the file's
 *       lock), {@link ErrorCode#CORRUPT} (the file another process wrote is damaged),
 *       {@link ErrorCode#MIGRATION_DRIFT} (a newer build rewrote it in a format this one does not read),
 *       {@link ErrorCode#CANNOT_OPEN}, {@link ErrorCode#READ_ONLY} or {@link ErrorCode#DISK_FULL}; memory has
 *       none;</li>
 *   <li>{@link ErrorCode#CORRUPT} when a stored record cannot be read back;</li>
 *   <li>{@link ErrorCode#INTERNAL} for a bug or a driver error no other code describes.</li>
 * </ul>
 * On PostgreSQL a write whose commit was sent but not acknowledged (the connection was lost) is tried again
 * only where the store can find out whether it was applied; {@link #decide}, {@link #putSpec}, {@link #updateSpec},
 * and {@link #putRoadmap}/{@link #putPlan} with an expected version cannot, and fail with
 * {@link ErrorCode#WRITE_OUTCOME_UNKNOWN}: read the record before repeating the write.
 *
 * <h2>Versions</h2>
 * Loops, specs, roadmaps and plans carry a version that grows by one on every change. Writes that take an
 * {@code expectedVersion} are optimistic: when it is not null and the record's current version differs, nothing
 * is written and {@link ErrorCode#STALE_VERSION} is thrown. With null, concurrent writes to one record are
 * serialized and none is lost.
 *
 * <h2>Threads and processes</h2>
 * Implementations are thread-safe: one instance serves any number of threads. The sqlite and json stores may
 * share their file with other processes, the postgres store its database; memory's records live in the instance.
 * Returned records are immutable values, detached from the store.
 */
public interface StateStore extends AutoCloseable {

    /**
     * Describes the store: its backend, location, schema version, record counts and size on disk.
     *
     * @return what {@code db status} shows
     * @throws StatekeeperException only as any operation may (see the class comment)
     */
    StoreInfo info();

    /**
     * Checks that the store answers, as cheaply as the backend can (one trivial query, no counting): for
     * readiness probes.
     *
     * @throws StatekeeperException as any operation may when the store cannot answer (see the class comment)
     */
    default void ping() {
        info();
    }

    /**
     * The connection pool's counts, for backends that pool connections.
     *
     * @return the counts now; empty for a backend without a pool, or a pool that does not say (an application's
     *         non-HikariCP DataSource)
     */
    default Optional<PoolStats> poolStats() {
        return Optional.empty();
    }

    /**
     * The store's operation log: every operation timed with its outcome, per minute and merged across processes, and
     * the slow ones one by one. A store opened with {@link StateStores#open} has one; a store a backend built
     * directly answers {@link OperationLog#none()}.
     *
     * @return the log
     */
    default OperationLog operationLog() {
        return OperationLog.none();
    }

    /**
     * Every record with its ids, timestamps and versions, out and in: {@link Archive#export} streams one
     * consistent snapshot, {@link Archive#loader} writes records as they were. What {@code db export},
     * {@code db import}, {@code db copy} and backups are built on.
     *
     * @return the store's archive, valid while the store is open
     */
    Archive archive();

    /**
     * The change history: one event for every write this store (or any other process on its database) committed.
     *
     * @return the store's event log
     */
    EventLog events();

    /**
     * The Idempotency-Keys of the writes made under an {@link dev.statekeeper.core.events.Origin} that carried one,
     * with the responses they were answered with.
     *
     * @return the store's request keys
     */
    RequestKeys requestKeys();


    // ---- loops ----

    /**
     * Creates a loop: status {@code initialized}, iteration 1, score 0, version 1, and puts it at the head of the
     * active-loop history (which keeps STATEKEEPER_LOOP_HISTORY_SIZE loops).
     *
     * @param loop the project, type and, rarely, an id of the caller's (null generates a random 8-character one)
     * @return the new loop
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} naming every broken field (project missing
     *         or over 255 characters, type missing, an id not of 1-64 {@code [A-Za-z0-9_-]});
     *         {@link ErrorCode#DUPLICATE} when the caller's id is taken
     */
    Loop createLoop(NewLoop loop);

    /**
     * Reads a loop with its whole feedback history.
     *
     * @param id the loop's id
     * @return the loop
     * @throws StatekeeperException {@link ErrorCode#LOOP_NOT_FOUND} when no loop has the id
     */
    Loop getLoop(String id);

    /**
     * Lists loops, newest first (then by id).
     *
     * @param query the filters (null ones match any) and the page
     * @return the page of summaries and the total that match
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} for a limit outside 1-1000 or a negative
     *         offset
     */
    Page<LoopSummary> listLoops(LoopQuery query);

    /**
     * The bounded active-loop history: the most recently created loops that still exist, newest first, in their
     * current state.
     *
     * @return at most STATEKEEPER_LOOP_HISTORY_SIZE summaries
     */
    List<LoopSummary> activeLoops();

    /**
     * Appends critic feedback atomically: the entry, the current score, the score history, and
     * {@code initialized} becomes {@code in_progress}. An entry without an iteration or timestamp gets the loop's
     * current iteration and the time of the append. Returns the loop's new state without its history, so an
     * append costs the same at any history length; {@link #getLoop} reads the whole history.
     *
     * @param loopId          the loop's id
     * @param feedback        the entry, checked by {@link CriticFeedback#validate()}
     * @param expectedVersion the version the loop must be at, or null for any
     * @return the loop after the append, its version one higher
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} naming every broken field of the feedback;
     *         {@link ErrorCode#LOOP_NOT_FOUND}; {@link ErrorCode#LOOP_COMPLETED} when the loop is completed;
     *         {@link ErrorCode#STALE_VERSION} when the loop is not at {@code expectedVersion}
     */
    LoopSummary addFeedback(String loopId, CriticFeedback feedback, Long expectedVersion);

    /**
     * Appends critic feedback at whatever version the loop is: {@link #addFeedback(String, CriticFeedback, Long)}
     * without an expected version.
     *
     * @param loopId   the loop's id
     * @param feedback the entry
     * @return the loop after the append
     * @throws StatekeeperException as {@link #addFeedback(String, CriticFeedback, Long)}, but never
     *         {@link ErrorCode#STALE_VERSION}
     */
    default LoopSummary addFeedback(String loopId, CriticFeedback feedback) {
        return addFeedback(loopId, feedback, null);
    }

    /**
     * Decides the loop's next action with the configured {@link dev.statekeeper.core.domain.LoopPolicy} and
     * stores the new status and iteration.
     *
     * @param loopId          the loop's id
     * @param expectedVersion the version the loop must be at, or null for any
     * @return the decision, with the loop's new version
     * @throws StatekeeperException {@link ErrorCode#LOOP_NOT_FOUND}; {@link ErrorCode#LOOP_COMPLETED} when the loop
     *         is completed; {@link ErrorCode#STALE_VERSION} when it is not at {@code expectedVersion};
     *         {@link ErrorCode#NO_FEEDBACK} when it has no feedback yet; on PostgreSQL
     *         {@link ErrorCode#WRITE_OUTCOME_UNKNOWN}
     */
    Decision decide(String loopId, Long expectedVersion);

    /**
     * Decides the loop's next action at whatever version it is: {@link #decide(String, Long)} without an expected
     * version.
     *
     * @param loopId the loop's id
     * @return the decision
     * @throws StatekeeperException as {@link #decide(String, Long)}, but never {@link ErrorCode#STALE_VERSION}
     */
    default Decision decide(String loopId) {
        return decide(loopId, null);
    }

    /**
     * Stores the loop's objective feedback text, replacing any earlier one. The loop's version does not change.
     *
     * @param loopId the loop's id
     * @param text   the text: required, at most {@link CriticFeedback#MAX_TEXT} characters
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} for a blank, too long or unstorable text;
     *         {@link ErrorCode#LOOP_NOT_FOUND}
     */
    void putObjectiveFeedback(String loopId, String text);

    /**
     * Reads the loop's objective feedback text.
     *
     * @param loopId the loop's id
     * @return the text last stored
     * @throws StatekeeperException {@link ErrorCode#LOOP_NOT_FOUND}; {@link ErrorCode#OBJECTIVE_FEEDBACK_NOT_FOUND}
     *         when none was stored for the loop
     */
    String getObjectiveFeedback(String loopId);

    /**
     * Deletes the loop with its feedback, history entry, objective feedback and spec link (the spec stays).
     *
     * @param id the loop's id
     * @throws StatekeeperException {@link ErrorCode#LOOP_NOT_FOUND}
     */
    void deleteLoop(String id);

    /**
     * Removes completed loops last updated more than {@code olderThan} ago, each as {@link #deleteLoop} would, in
     * one write.
     *
     * @param olderThan the age, from 0 to 100 years
     * @param dryRun    true to only list them, changing nothing
     * @return the ids of the loops removed (or, on a dry run, that would be), sorted by {@link String#compareTo}
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} for a null, negative or over 100 years age
     */
    List<String> cleanLoops(Duration olderThan, boolean dryRun);

    // ---- specs ----

    /**
     * Stores a spec under its name, the normalized title ({@link dev.statekeeper.core.domain.SpecName}): creates
     * it (version 1, iteration 0, missing fields empty, status {@code draft}), or, when the project has it,
     * updates it as {@link #updateSpec} would.
     *
     * @param project the project (required, at most 255 characters)
     * @param content the document; its title is required
     * @return the spec as stored
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} naming every broken field (a missing or
     *         too long project, missing content, a title missing, over 255 characters, without a letter or digit
     *         or making a name over 255 characters, a field over 1,000,000 characters or unstorable);
     *         {@link ErrorCode#FROZEN_FIELD} when it updates an existing
     *         spec with a different value of a frozen field; on PostgreSQL {@link ErrorCode#WRITE_OUTCOME_UNKNOWN}
     */
    Spec putSpec(String project, SpecContent content);

    /**
     * Updates an existing spec: the non-null fields of {@code content} laid over the stored ones, iteration and
     * version one higher, the previous version kept in the history. Frozen fields (objectives, scope,
     * dependencies, deliverables) may be omitted or repeated unchanged.
     *
     * @param project         the project
     * @param name            the spec's name, or its title (normalized before the lookup)
     * @param content         the changes; a title, when given, must still normalize to the name
     * @param expectedVersion the version the spec must be at, or null for any
     * @return the new version of the spec
     * @throws StatekeeperException {@link ErrorCode#SPEC_NOT_FOUND}; {@link ErrorCode#STALE_VERSION} when the spec
     *         is not at {@code expectedVersion}; {@link ErrorCode#VALIDATION_FAILED} for missing content, a title of
     *         another name, a field over 1,000,000 characters or unstorable; {@link ErrorCode#FROZEN_FIELD} naming
     *         each frozen field that would change; on PostgreSQL {@link ErrorCode#WRITE_OUTCOME_UNKNOWN}
     */
    Spec updateSpec(String project, String name, SpecContent content, Long expectedVersion);

    /**
     * Reads a spec's current version.
     *
     * @param project the project
     * @param name    the spec's name, or its title (normalized before the lookup)
     * @return the spec
     * @throws StatekeeperException {@link ErrorCode#SPEC_NOT_FOUND}, naming the normalized name
     */
    Spec getSpec(String project, String name);

    /**
     * Lists a project's specs, current versions, in creation order.
     *
     * @param query the project (null lists none), an optional status and the page
     * @return the page of specs and the total that match
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} for a limit outside 1-1000 or a negative
     *         offset
     */
    Page<Spec> listSpecs(SpecQuery query);

    /**
     * Every version of a spec, oldest first (version 1, 2, ...), the current one last.
     *
     * @param project the project
     * @param name    the spec's name, or its title
     * @return the versions
     * @throws StatekeeperException {@link ErrorCode#SPEC_NOT_FOUND}
     */
    List<Spec> specHistory(String project, String name);

    /**
     * Finds the spec a partial name denotes: exact, prefix,
     * substring, then fuzzy (trigram similarity); the first of these that matches any name decides, and only
     * when it matches one best.
     *
     * @param project     the project
     * @param partialName a name, title or part of one
     * @return the spec it denotes
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} when it has no letter or digit;
     *         {@link ErrorCode#SPEC_NOT_FOUND} when nothing matches; {@link ErrorCode#AMBIGUOUS_NAME} when several
     *         match alike (its details name the candidates and the kind of match)
     */
    Spec resolveSpec(String project, String partialName);

    /**
     * Deletes the spec with every version and every loop's link to it (the loops stay).
     *
     * @param project the project
     * @param name    the spec's name, or its title
     * @throws StatekeeperException {@link ErrorCode#SPEC_NOT_FOUND}
     */
    void deleteSpec(String project, String name);

    /**
     * Links a loop to a spec, replacing an earlier link of that loop (a loop has at most one).
     *
     * @param loopId   the loop's id
     * @param project  the spec's project
     * @param specName the spec's name, or its title
     * @throws StatekeeperException {@link ErrorCode#LOOP_NOT_FOUND}; {@link ErrorCode#SPEC_NOT_FOUND}
     */
    void linkLoop(String loopId, String project, String specName);

    /**
     * Removes the loop's link to its spec, if it has one; the spec stays.
     *
     * @param loopId the loop's id
     * @throws StatekeeperException {@link ErrorCode#LOOP_NOT_FOUND} (a loop without a link is not an error)
     */
    void unlinkLoop(String loopId);

    /**
     * Reads the spec a loop is linked to.
     *
     * @param loopId the loop's id
     * @return the spec's current version
     * @throws StatekeeperException {@link ErrorCode#LOOP_NOT_FOUND}; {@link ErrorCode#LINK_NOT_FOUND} when the loop
     *         has no link
     */
    Spec specForLoop(String loopId);

    // ---- roadmaps ----

    /**
     * Creates or updates the project's roadmap. The first store needs a title and fills missing fields empty
     * (status {@code draft}); later ones keep the stored value of every null field. With an {@code expectedVersion},
     * it writes only when the stored roadmap is at that version.
     *
     * @param project         the project (required, at most 255 characters)
     * @param content         the roadmap or its changes (required; a title at most 255 characters)
     * @param expectedVersion the version the roadmap must be at, or null for any (and to create it)
     * @return the roadmap as stored, with the project's specs
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} for a missing or too long project, content
     *         or title, or a field over 1,000,000 characters or unstorable; {@link ErrorCode#STALE_VERSION} when
     *         the roadmap is not at {@code expectedVersion}, also when there is none yet; on PostgreSQL, with an
     *         expected version, {@link ErrorCode#WRITE_OUTCOME_UNKNOWN}
     */
    Roadmap putRoadmap(String project, RoadmapContent content, Long expectedVersion);

    /**
     * Creates or updates the project's roadmap at whatever version it is:
     * {@link #putRoadmap(String, RoadmapContent, Long)} without an expected version.
     *
     * @param project the project
     * @param content the roadmap or its changes
     * @return the roadmap as stored, with the project's specs
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} as for
     *         {@link #putRoadmap(String, RoadmapContent, Long)}
     */
    default Roadmap putRoadmap(String project, RoadmapContent content) {
        return putRoadmap(project, content, null);
    }

    /**
     * Reads the project's roadmap.
     *
     * @param project the project
     * @return the roadmap with the project's specs (current versions) in creation order
     * @throws StatekeeperException {@link ErrorCode#ROADMAP_NOT_FOUND}
     */
    Roadmap getRoadmap(String project);

    // ---- project plans ----

    /**
     * Creates or updates the project's plan: the first store fills missing fields empty (status {@code draft}),
     * later ones keep the stored value of every null field; an {@code expectedVersion} as for {@link #putRoadmap}.
     *
     * @param project         the project (required, at most 255 characters)
     * @param content         the plan or its changes (required)
     * @param expectedVersion the version the plan must be at, or null for any (and to create it)
     * @return the plan as stored
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} for a missing or too long project, missing
     *         content, or a field over 1,000,000 characters or unstorable; {@link ErrorCode#STALE_VERSION} when the
     *         plan is not at {@code expectedVersion}, also when there is none yet; on PostgreSQL, with an expected
     *         version, {@link ErrorCode#WRITE_OUTCOME_UNKNOWN}
     */
    ProjectPlan putPlan(String project, PlanContent content, Long expectedVersion);

    /**
     * Creates or updates the project's plan at whatever version it is:
     * {@link #putPlan(String, PlanContent, Long)} without an expected version.
     *
     * @param project the project
     * @param content the plan or its changes
     * @return the plan as stored
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} as for
     *         {@link #putPlan(String, PlanContent, Long)}
     */
    default ProjectPlan putPlan(String project, PlanContent content) {
        return putPlan(project, content, null);
    }

    /**
     * Reads the project's plan.
     *
     * @param project the project
     * @return the plan
     * @throws StatekeeperException {@link ErrorCode#PLAN_NOT_FOUND}
     */
    ProjectPlan getPlan(String project);

    /**
     * Lists plans in the code-point order of their projects.
     *
     * @param query an optional status and the page
     * @return the page of plans and the total that match
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} for a limit outside 1-1000 or a negative
     *         offset
     */
    Page<ProjectPlan> listPlans(PlanQuery query);

    /**
     * Deletes the project's plan.
     *
     * @param project the project
     * @throws StatekeeperException {@link ErrorCode#PLAN_NOT_FOUND}
     */
    void deletePlan(String project);

    // ---- sessions ----

    /**
     * Starts a session: status {@code active}.
     *
     * @param session its unique name and what it works on
     * @return the session as stored
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} naming every broken field (a name not of
     *         {@link NewSession#NAME}, a field over its length, metadata with a null value);
     *         {@link ErrorCode#DUPLICATE} when a session has the name
     */
    Session startSession(NewSession session);

    /**
     * Reads a session.
     *
     * @param name the session's name
     * @return the session
     * @throws StatekeeperException {@link ErrorCode#SESSION_NOT_FOUND}
     */
    Session getSession(String name);

    /**
     * Lists sessions, newest first (then by name).
     *
     * @param query the filters (null ones match any) and the page
     * @return the page of sessions and the total that match
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} for a limit outside 1-1000 or a negative
     *         offset
     */
    Page<Session> listSessions(SessionQuery query);

    /**
     * Ends a session: status {@code ended}, updated now. Ending an ended session again only moves its
     * {@code updatedAt}.
     *
     * @param name the session's name
     * @return the session as stored
     * @throws StatekeeperException {@link ErrorCode#SESSION_NOT_FOUND}
     */
    Session endSession(String name);

    /**
     * Removes ended sessions last updated more than {@code olderThan} ago, in one write.
     *
     * @param olderThan the age, from 0 to 100 years
     * @param dryRun    true to only list them, changing nothing
     * @return the names of the sessions removed (or, on a dry run, that would be), sorted by
     *         {@link String#compareTo}
     * @throws StatekeeperException {@link ErrorCode#VALIDATION_FAILED} for a null, negative or over 100 years age
     */
    List<String> cleanSessions(Duration olderThan, boolean dryRun);

    /**
     * Releases files, connections and locks (an application's own DataSource stays open); a memory store's
     * records are gone. Every later operation fails with {@link ErrorCode#STORE_CLOSED}; closing again does
     * nothing.
     */
    @Override
    void close();
}
