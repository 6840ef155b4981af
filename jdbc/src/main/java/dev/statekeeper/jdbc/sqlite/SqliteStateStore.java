package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.Loops;
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
import dev.statekeeper.jdbc.Sql;
import dev.statekeeper.jdbc.Transactor;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sqlite} backend: one file in WAL mode (default {@code $XDG_STATE_HOME/statekeeper/state.db}).
 * Writes run in {@code BEGIN IMMEDIATE} transactions on the single writer connection, reads in deferred
 * transactions on read-only connections; the per-table work is done by the repositories. Thread-safe, and
 * safe to share the file with other processes.
 */
public final class SqliteStateStore implements StateStore {
    private static final String BACKEND = "sqlite";

    private final SqliteDatabase database;
    private final Transactor tx;
    private final LoopRepository loops;
    private final ObjectiveFeedbackRepository objectives;
    private final SpecRepository specs;
    private final SpecLinkRepository links;
    private final RoadmapRepository roadmaps;
    private final PlanRepository plans;
    private final SessionRepository sessions;

    private SqliteStateStore(SqliteDatabase database, Transactor tx, Settings settings, Clock clock) {
        this.database = database;
        this.tx = tx;
        this.loops = new LoopRepository(clock, settings.loopHistorySize(), settings.loopPolicy());
        this.objectives = new ObjectiveFeedbackRepository(clock, loops);
        this.specs = new SpecRepository(clock);
        this.links = new SpecLinkRepository(clock, loops, specs);
        this.roadmaps = new RoadmapRepository(clock, specs);
        this.plans = new PlanRepository(clock);
        this.sessions = new SessionRepository(clock);
    }

    /**
     * Opens the file {@link Settings#sqlitePath()}, creating it and its directories on first use, and brings
     * its schema up to date when {@link Setting#AUTO_MIGRATE} allows (Flyway starts only when it is behind).
     */
    public static SqliteStateStore open(Settings settings, Clock clock) {
        SqliteErrorTranslator translator = new SqliteErrorTranslator(settings.sqlitePath().toAbsolutePath(),
                settings.seconds(Setting.SQLITE_BUSY_TIMEOUT));
        SqliteDatabase database = SqliteDatabase.open(settings.sqlitePath(), settings, translator);
        Transactor tx = new Transactor(BACKEND, database.readers(), database.writer(), new SqliteTransactionControl(),
                translator);
        try {
            new SqliteSchema(database.file(), tx, translator)
                    .ensureCurrent(settings.flag(Setting.AUTO_MIGRATE), database.unpooledWriter());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new SqliteStateStore(database, tx, settings, clock);
    }

    @Override
    public StoreInfo info() {
        return tx.read("read store info", c -> new StoreInfo(BACKEND, database.file().toString(),
                String.valueOf(Sql.number(c, "PRAGMA user_version")), counts(c)));
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
        return tx.write("create loop", c -> loops.create(c, loop));
    }

    @Override
    public Loop getLoop(String id) {
        return tx.read("get loop '" + id + "'", c -> loops.get(c, id));
    }

    @Override
    public Page<LoopSummary> listLoops(LoopQuery query) {
        query.paging().validate();
        return tx.read("list loops", c -> loops.list(c, query));
    }

    @Override
    public List<LoopSummary> activeLoops() {
        return tx.read("list active loops", loops::active);
    }

    @Override
    public LoopSummary addFeedback(String loopId, CriticFeedback feedback, Long expectedVersion) {
        feedback.validate();
        return tx.write("add feedback to loop '" + loopId + "'", c -> loops.addFeedback(c, loopId, feedback,
                expectedVersion));
    }

    @Override
    public Decision decide(String loopId, Long expectedVersion) {
        return tx.write("decide loop '" + loopId + "'", c -> loops.decide(c, loopId, expectedVersion));
    }

    @Override
    public void putObjectiveFeedback(String loopId, String text) {
        Loops.validateObjective(text);
        tx.update("store objective feedback of loop '" + loopId + "'", c -> objectives.put(c, loopId, text));
    }

    @Override
    public String getObjectiveFeedback(String loopId) {
        return tx.read("get objective feedback of loop '" + loopId + "'", c -> objectives.get(c, loopId));
    }

    @Override
    public void deleteLoop(String id) {
        tx.update("delete loop '" + id + "'", c -> loops.delete(c, id));
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
        return tx.read("get spec '" + name + "' of project '" + project + "'", c -> specs.require(c, project, name).spec());
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
        tx.update("delete spec '" + name + "' of project '" + project + "'", c -> specs.delete(c, project, name));
    }

    @Override
    public void linkLoop(String loopId, String project, String specName) {
        tx.update("link loop '" + loopId + "' to spec '" + specName + "'", c -> links.link(c, loopId, project, specName));
    }

    @Override
    public void unlinkLoop(String loopId) {
        tx.update("unlink loop '" + loopId + "'", c -> links.unlink(c, loopId));
    }

    @Override
    public Spec specForLoop(String loopId) {
        return tx.read("get the spec of loop '" + loopId + "'", c -> links.specOf(c, loopId));
    }

    // ---- roadmaps and plans ----

    @Override
    public Roadmap putRoadmap(String project, RoadmapContent content) {
        return tx.write("store roadmap of project '" + project + "'", c -> roadmaps.put(c, project, content));
    }

    @Override
    public Roadmap getRoadmap(String project) {
        return tx.read("get roadmap of project '" + project + "'", c -> roadmaps.get(c, project));
    }

    @Override
    public ProjectPlan putPlan(String project, PlanContent content) {
        return tx.write("store plan of project '" + project + "'", c -> plans.put(c, project, content));
    }

    @Override
    public ProjectPlan getPlan(String project) {
        return tx.read("get plan of project '" + project + "'", c -> plans.get(c, project));
    }

    @Override
    public Page<ProjectPlan> listPlans(PlanQuery query) {
        query.paging().validate();
        return tx.read("list plans", c -> plans.list(c, query));
    }

    @Override
    public void deletePlan(String project) {
        tx.update("delete plan of project '" + project + "'", c -> plans.delete(c, project));
    }

    // ---- sessions ----

    @Override
    public Session startSession(NewSession session) {
        session.validate();
        return tx.write("start session '" + session.name() + "'", c -> sessions.start(c, session));
    }

    @Override
    public Session getSession(String name) {
        return tx.read("get session '" + name + "'", c -> sessions.get(c, name));
    }

    @Override
    public Page<Session> listSessions(SessionQuery query) {
        query.paging().validate();
        return tx.read("list sessions", c -> sessions.list(c, query));
    }

    @Override
    public Session endSession(String name) {
        return tx.write("end session '" + name + "'", c -> sessions.end(c, name));
    }

    @Override
    public List<String> cleanSessions(Duration olderThan, boolean dryRun) {
        return dryRun ? tx.read("list cleanable sessions", c -> sessions.clean(c, olderThan, true))
                : tx.write("clean sessions", c -> sessions.clean(c, olderThan, false));
    }

    @Override
    public void close() {
        if (tx.close()) {
            database.close();
        }
    }
}
