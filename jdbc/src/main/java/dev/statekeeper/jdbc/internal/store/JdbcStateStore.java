package dev.statekeeper.jdbc.internal.store;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.archive.Archive;
import dev.statekeeper.core.events.EventLog;
import dev.statekeeper.core.events.RequestKeys;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.internal.domain.Loops;
import dev.statekeeper.core.internal.oplog.OperationLogBacked;
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
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.Recheck;
import dev.statekeeper.jdbc.internal.SqlWork;
import dev.statekeeper.jdbc.internal.Transactor;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link StateStore} over SQL: every operation runs in one transaction of the {@link Transactor} and does its
 * per-table work through the repositories, which speak the same SQL on every database but for the few
 * points a {@link Dialect} names. Each backend subclasses it with how it opens, describes and closes its
 * database. Thread-safe.
 */
public abstract class JdbcStateStore implements StateStore, OperationLogBacked {
    private final String backend;
    private final Transactor tx;
    private final LoopRepository loops;
    private final ObjectiveFeedbackRepository objectives;
    private final SpecRepository specs;
    private final SpecLinkRepository links;
    private final RoadmapRepository roadmaps;
    private final PlanRepository plans;
    private final SessionRepository sessions;
    private final JdbcArchive archive;
    private final JdbcOperationLog operationLog;

    protected JdbcStateStore(String backend, Transactor tx, Dialect dialect, Settings settings, Clock clock) {
        this.backend = backend;
        this.tx = tx;
        this.loops = new LoopRepository(dialect, clock, settings.loopHistorySize(), settings.loopPolicy());
        this.objectives = new ObjectiveFeedbackRepository(dialect, clock, loops);
        this.specs = new SpecRepository(dialect, clock);
        this.links = new SpecLinkRepository(dialect, clock, loops, specs);
        this.roadmaps = new RoadmapRepository(dialect, clock, specs);
        this.plans = new PlanRepository(dialect, clock);
        this.sessions = new SessionRepository(dialect, clock);
        this.archive = new JdbcArchive(tx, dialect, clock, settings.loopHistorySize());
        this.operationLog = new JdbcOperationLog(tx, dialect);
    }

    /** Where the data lives, as {@code db status} shows it (no password). */
    protected abstract String location();

    /** The schema version the database reports. */
    protected abstract String schemaVersion(Connection c) throws SQLException;

    /** The bytes the store takes on disk by what holds them, as {@link StoreInfo#sizes()} names them. */
    protected abstract Map<String, Long> sizes(Connection c) throws SQLException;

    /** Releases the connections once the transactor refuses new work. */
    protected abstract void closeDatabase();

    @Override
    public StoreInfo info() {
        return tx.read("read store info", c -> new StoreInfo(backend, location(), schemaVersion(c), counts(c),
                sizes(c)));
    }

    /** Export in one snapshot transaction, import in batches of raw inserts; see {@link JdbcArchive}. */
    @Override
    public Archive archive() {
        return archive;
    }

    /** The operation log in the {@code operation_minutes} and {@code slow_operations} tables; see {@link JdbcOperationLog}. */
    @Override
    public JdbcOperationLog operationLogStorage() {
        return operationLog;
    }

    /** Not kept on this backend yet: the change history lands in a later step of issue 16. */
    @Override
    public EventLog events() {
        throw notYet();
    }

    /** Not kept on this backend yet: the change history lands in a later step of issue 16. */
    @Override
    public RequestKeys requestKeys() {
        throw notYet();
    }

    private StatekeeperException notYet() {
        return new StatekeeperException(ErrorCode.INTERNAL, "the change history is not kept on the %s backend yet"
                .formatted(backend));
    }

    @Override
    public void ping() {
        tx.query("ping", c -> Sql.number(c, "SELECT 1"));
    }

    private static Map<String, Long> counts(Connection c) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("loops", Sql.number(c, "SELECT count(*) FROM loop_states"));
        counts.put("feedback", Sql.number(c, "SELECT count(*) FROM critic_feedback"));
        counts.put("specs", Sql.number(c, "SELECT count(*) FROM technical_specs"));
        counts.put("specRevisions", Sql.number(c, "SELECT count(*) FROM spec_revisions"));
        counts.put("roadmaps", Sql.number(c, "SELECT count(*) FROM roadmaps"));
        counts.put("plans", Sql.number(c, "SELECT count(*) FROM project_plans"));
        counts.put("sessions", Sql.number(c, "SELECT count(*) FROM sessions"));
        return counts;
    }

    // ---- loops ----

    @Override
    public Loop createLoop(NewLoop loop) {
        loop.validate();
        String id = loop.id() == null ? Loops.newId() : loop.id();
        return tx.write("create loop", c -> loops.create(c, loop, id), c -> loops.find(c, id));
    }

    @Override
    public Loop getLoop(String id) {
        return tx.query("get loop '" + id + "'", c -> loops.get(c, id));
    }

    @Override
    public Page<LoopSummary> listLoops(LoopQuery query) {
        query.paging().validate();
        return tx.read("list loops", c -> loops.list(c, query));
    }

    @Override
    public List<LoopSummary> activeLoops() {
        return tx.query("list active loops", loops::active);
    }

    @Override
    public LoopSummary addFeedback(String loopId, CriticFeedback feedback, Long expectedVersion) {
        feedback.validate();
        String requestKey = UUID.randomUUID().toString();
        return tx.write("add feedback to loop '" + loopId + "'",
                c -> loops.addFeedback(c, loopId, feedback, expectedVersion, requestKey),
                c -> loops.appliedFeedback(c, loopId, requestKey));
    }

    @Override
    public Decision decide(String loopId, Long expectedVersion) {
        return tx.write("decide loop '" + loopId + "'", c -> loops.decide(c, loopId, expectedVersion));
    }

    @Override
    public void putObjectiveFeedback(String loopId, String text) {
        Loops.validateObjective(text);
        tx.writeIdempotent("store objective feedback of loop '" + loopId + "'", c -> objectives.put(c, loopId, text));
    }

    @Override
    public String getObjectiveFeedback(String loopId) {
        return tx.read("get objective feedback of loop '" + loopId + "'", c -> objectives.get(c, loopId));
    }

    @Override
    public void deleteLoop(String id) {
        tx.writeCheckedByAbsence("delete loop '" + id + "'", c -> loops.delete(c, id), c -> loops.exists(c, id));
    }

    @Override
    public List<String> cleanLoops(Duration olderThan, boolean dryRun) {
        if (dryRun) {
            return tx.query("list cleanable loops", c -> loops.cleanable(c, olderThan));
        }
        AtomicReference<List<String>> removed = new AtomicReference<>(List.of());
        // after a lost commit, the clean was applied when none of the loops its last try removed is left
        return tx.write("clean loops", c -> {
            removed.set(loops.clean(c, olderThan));
            return removed.get();
        }, c -> loops.anyExists(c, removed.get()) ? Optional.empty() : Optional.of(removed.get()));
    }

    // ---- specs ----

    @Override
    public Spec putSpec(String project, SpecContent content) {
        return tx.write("store spec of project '" + project + "'", c -> specs.put(c, project, content));
    }

    @Override
    public Spec updateSpec(String project, String name, SpecContent content, Long expectedVersion) {
        return tx.write("update spec '" + name + "' of project '" + project + "'",
                c -> specs.update(c, project, name, content, expectedVersion));
    }

    @Override
    public Spec getSpec(String project, String name) {
        return tx.query("get spec '" + name + "' of project '" + project + "'", c -> specs.require(c, project, name).spec());
    }

    @Override
    public Page<Spec> listSpecs(SpecQuery query) {
        query.paging().validate();
        return tx.read("list specs of project '" + query.project() + "'", c -> specs.list(c, query));
    }

    @Override
    public List<Spec> specHistory(String project, String name) {
        return tx.read("read the history of spec '" + name + "' of project '" + project + "'",
                c -> specs.history(c, project, name));
    }

    @Override
    public Spec resolveSpec(String project, String partialName) {
        return tx.read("resolve spec '" + partialName + "' of project '" + project + "'",
                c -> specs.resolve(c, project, partialName));
    }

    @Override
    public void deleteSpec(String project, String name) {
        tx.writeCheckedByAbsence("delete spec '" + name + "' of project '" + project + "'",
                c -> specs.delete(c, project, name), c -> specs.find(c, project, name).isPresent());
    }

    @Override
    public void linkLoop(String loopId, String project, String specName) {
        tx.writeIdempotent("link loop '" + loopId + "' to spec '" + specName + "'",
                c -> links.link(c, loopId, project, specName));
    }

    @Override
    public void unlinkLoop(String loopId) {
        tx.writeIdempotent("unlink loop '" + loopId + "'", c -> links.unlink(c, loopId));
    }

    @Override
    public Spec specForLoop(String loopId) {
        return tx.read("get the spec of loop '" + loopId + "'", c -> links.specOf(c, loopId));
    }

    // ---- roadmaps and plans ----

    @Override
    public Roadmap putRoadmap(String project, RoadmapContent content, Long expectedVersion) {
        String operation = "store roadmap of project '" + project + "'";
        SqlWork<Roadmap> work = c -> roadmaps.put(c, project, content, expectedVersion);
        // the same partial content merged twice gives the same roadmap, unless it expected a version
        return expectedVersion == null ? tx.write(operation, work, Recheck.rerun()) : tx.write(operation, work);
    }

    @Override
    public Roadmap getRoadmap(String project) {
        return tx.read("get roadmap of project '" + project + "'", c -> roadmaps.get(c, project));
    }

    @Override
    public ProjectPlan putPlan(String project, PlanContent content, Long expectedVersion) {
        String operation = "store plan of project '" + project + "'";
        SqlWork<ProjectPlan> work = c -> plans.put(c, project, content, expectedVersion);
        // the same partial content merged twice gives the same plan, unless it expected a version
        return expectedVersion == null ? tx.write(operation, work, Recheck.rerun()) : tx.write(operation, work);
    }

    @Override
    public ProjectPlan getPlan(String project) {
        return tx.query("get plan of project '" + project + "'", c -> plans.get(c, project));
    }

    @Override
    public Page<ProjectPlan> listPlans(PlanQuery query) {
        query.paging().validate();
        return tx.read("list plans", c -> plans.list(c, query));
    }

    @Override
    public void deletePlan(String project) {
        tx.writeCheckedByAbsence("delete plan of project '" + project + "'", c -> plans.delete(c, project),
                c -> plans.find(c, project).isPresent());
    }

    // ---- sessions ----

    @Override
    public Session startSession(NewSession session) {
        session.validate();
        return tx.write("start session '" + session.name() + "'", c -> sessions.start(c, session),
                c -> sessions.find(c, session.name()));
    }

    @Override
    public Session getSession(String name) {
        return tx.query("get session '" + name + "'", c -> sessions.get(c, name));
    }

    @Override
    public Page<Session> listSessions(SessionQuery query) {
        query.paging().validate();
        return tx.read("list sessions", c -> sessions.list(c, query));
    }

    @Override
    public Session endSession(String name) {
        return tx.write("end session '" + name + "'", c -> sessions.end(c, name), Recheck.rerun());
    }

    @Override
    public List<String> cleanSessions(Duration olderThan, boolean dryRun) {
        return dryRun ? tx.query("list cleanable sessions", c -> sessions.clean(c, olderThan, true))
                : tx.write("clean sessions", c -> sessions.clean(c, olderThan, false), Recheck.rerun());
    }

    @Override
    public final void close() {
        if (tx.close()) {
            closeDatabase();
        }
    }
}
