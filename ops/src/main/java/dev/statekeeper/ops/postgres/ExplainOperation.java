package dev.statekeeper.ops.postgres;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.PlanQuery;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.SessionQuery;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecQuery;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.postgres.PostgresStateStore;
import dev.statekeeper.jdbc.postgres.PostgresUrl;
import dev.statekeeper.ops.postgres.OperationPlan.ExplainedStatement;
import dev.statekeeper.ops.postgres.OperationPlan.PlanNode;
import dev.statekeeper.ops.postgres.OperationPlan.SeqScan;
import dev.statekeeper.ops.sql.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * {@code statekeeper perf explain OPERATION}: runs one {@link StateStore} operation of a PostgreSQL store with
 * representative arguments taken from the store (its newest loop that has feedback and is not completed, its newest
 * spec, session...), explains every statement the operation runs with {@code EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)},
 * and rolls the whole operation back, writes included.
 *
 * <p>The statements are the store's own, captured as it runs them, never a copy kept by hand: the store is opened on
 * an {@link ExplainingDataSource}, which runs every statement first under EXPLAIN ANALYZE (inside a savepoint rolled
 * back at once, so that it sees the state the real statement meets and changes nothing) and then for real, so the
 * operation goes on with its real results, in one transaction that is rolled back at the end. What the store
 * would commit is thus never committed; a sequence value an INSERT draws is spent all the same (PostgreSQL does not
 * roll sequences back). The store is opened without migrating (a schema that is behind is refused).
 *
 * <p>A sequential scan of a table of more than {@link #LARGE_TABLE_ROWS} rows, by the rows the scan read or the
 * table's estimate in its statistics, is flagged. Below that a table fits in a few hundred 8 kB pages, which
 * PostgreSQL reads from shared buffers in about a millisecond, and a sequential scan is often the planner's right
 * choice (a small table, a list of most of it); above it the scan's cost grows with the store on every call, the
 * seeds' "slow query" symptom.
 */
public final class ExplainOperation {
    /** The rows above which a table is large: 10,000 (see the class's note). */
    public static final long LARGE_TABLE_ROWS = 10_000;
    /** The longest an unknown operation's name is repeated in the error. */
    private static final int SHOWN_NAME = 64;
    private static final Duration CLEAN_AGE = Duration.ofDays(30);

    private final Settings settings;
    private final long largeTableRows;

    /**
     * Explains operations of the store DATABASE_URL names, flagging sequential scans of tables of more than
     * {@link #LARGE_TABLE_ROWS} rows.
     *
     * @param settings the store's settings
     */
    public ExplainOperation(Settings settings) {
        this(settings, LARGE_TABLE_ROWS);
    }

    /**
     * Explains operations of the store DATABASE_URL names.
     *
     * @param settings       the store's settings
     * @param largeTableRows a sequential scan is flagged on a table of more rows than this (at least 0)
     */
    public ExplainOperation(Settings settings, long largeTableRows) {
        if (largeTableRows < 0) {
            throw new StatekeeperException(ErrorCode.USAGE, "the rows of a large table must be 0 or more, not "
                    + largeTableRows);
        }
        this.settings = settings;
        this.largeTableRows = largeTableRows;
    }

    /**
     * The operations that can be explained: the {@link StateStore} methods that read or write records, by name.
     *
     * @return their names, sorted
     */
    public static List<String> operations() {
        return List.copyOf(OPERATIONS.keySet());
    }

    /**
     * Runs the operation with representative arguments, explains each of its statements, and rolls it back.
     *
     * @param operation a name of {@link #operations()}, e.g. {@code getLoop}
     * @return the statements and their plans, and the sequential scans of large tables
     * @throws StatekeeperException USAGE for an unknown operation (the message lists the known ones);
     *         LOOP_NOT_FOUND, SPEC_NOT_FOUND, ROADMAP_NOT_FOUND, PLAN_NOT_FOUND or SESSION_NOT_FOUND when the store has
     *         no record to run the operation on; CONFIG_INVALID for a malformed DATABASE_URL; BACKEND_UNAVAILABLE when
     *         the database cannot be reached; MIGRATION_DRIFT when its schema is not this build's
     */
    public OperationPlan explain(String operation) {
        Operation op = operation == null ? null : OPERATIONS.get(operation);
        if (op == null) {
            throw new StatekeeperException(ErrorCode.USAGE, "unknown operation '" + shown(operation)
                    + "': the operations that can be explained are " + String.join(", ", OPERATIONS.keySet()));
        }
        PostgresUrl url = PostgresUrl.parse(settings.raw(Setting.DATABASE_URL));
        DataSource connections = PostgresVerifier.dataSource(url, settings, "statekeeper-explain");
        try (Connection probe = connections.getConnection()) {
            probe.isValid(1); // the store would name its DataSource, this class's own, in the same failure
        } catch (SQLException e) {
            throw new StatekeeperException(ErrorCode.BACKEND_UNAVAILABLE, "cannot explain " + operation + ": cannot "
                    + "reach PostgreSQL database '" + url.database() + "' at " + url.server() + ": "
                    + StatementStats.firstLine(e), e);
        }
        ExplainingDataSource source = new ExplainingDataSource(connections);
        Settings opening = settings.toBuilder().set(Setting.AUTO_MIGRATE, false).build();
        try (StateStore store = PostgresStateStore.open(source, opening, Clock.systemUTC())) {
            Samples samples = Samples.find(source, store, op.needs(), operation);
            String outcome = "ok";
            List<ExplainedStatement> statements;
            try {
                source.record(settings.seconds(Setting.COMMAND_TIMEOUT).toMillis());
                try {
                    op.run().run(store, samples);
                } catch (StatekeeperException e) {
                    outcome = "failed with " + e.code() + ": " + e.getMessage();
                }
                statements = source.finish();
                return new OperationPlan(operation, op.needs() == Need.NONE ? "" : samples.describe(op.needs()),
                        outcome, largeTableRows, statements, seqScans(source.physical(), statements));
            } catch (SQLException e) {
                throw new StatekeeperException(ErrorCode.BACKEND_UNAVAILABLE, "cannot explain " + operation + " on "
                        + "PostgreSQL database '" + url.database() + "' at " + url.server() + ": "
                        + StatementStats.firstLine(e), e);
            } finally {
                source.close();
            }
        }
    }

    /** The sequential scans of large tables among the statements' plans. */
    private List<SeqScan> seqScans(Connection c, List<ExplainedStatement> statements) throws SQLException {
        List<SeqScan> scans = new ArrayList<>();
        for (ExplainedStatement s : statements) {
            for (PlanNode node : s.nodes()) {
                if (node.nodeType().equals("Seq Scan") && node.relation() != null) {
                    long estimate = Jdbc.list(c, "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)",
                            r -> r.getLong(1), quote(node.relation())).stream().findFirst().orElse(-1L);
                    if (node.rowsRead() > largeTableRows || estimate > largeTableRows) {
                        scans.add(new SeqScan(s.number(), node.relation(), node.rowsRead(), estimate));
                    }
                }
            }
        }
        return scans;
    }

    /** The name as an error repeats it: control characters as '?', at most {@value #SHOWN_NAME} characters. */
    private static String shown(String name) {
        if (name == null) {
            return "null";
        }
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= SHOWN_NAME ? clean : clean.substring(0, SHOWN_NAME) + "...";
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The record an operation needs to run on. */
    private enum Need {
        NONE(null, null), LOOP("loop", ErrorCode.LOOP_NOT_FOUND), SPEC("spec", ErrorCode.SPEC_NOT_FOUND),
        LINK("loop and a spec", ErrorCode.LOOP_NOT_FOUND),
        ROADMAP("roadmap", ErrorCode.ROADMAP_NOT_FOUND), PLAN("project plan", ErrorCode.PLAN_NOT_FOUND),
        SESSION("session", ErrorCode.SESSION_NOT_FOUND);

        private final String what;
        private final ErrorCode missing;

        Need(String what, ErrorCode missing) {
            this.what = what;
            this.missing = missing;
        }
    }

    @FunctionalInterface
    private interface Call {
        void run(StateStore store, Samples samples);
    }

    private record Operation(Need needs, Call run) {
    }

    private static final Map<String, Operation> OPERATIONS = operationsByName();

    private static Map<String, Operation> operationsByName() {
        Map<String, Operation> ops = new TreeMap<>();
        ops.put("createLoop", new Operation(Need.NONE, (s, x) -> s.createLoop(NewLoop.of(x.project(), x.loopType()))));
        ops.put("getLoop", new Operation(Need.LOOP, (s, x) -> s.getLoop(x.loop().id())));
        ops.put("listLoops", new Operation(Need.NONE, (s, x) -> s.listLoops(LoopQuery.all())));
        ops.put("activeLoops", new Operation(Need.NONE, (s, x) -> s.activeLoops()));
        ops.put("addFeedback", new Operation(Need.LOOP, (s, x) -> s.addFeedback(x.loop().id(), x.feedback(), null)));
        ops.put("decide", new Operation(Need.LOOP, (s, x) -> s.decide(x.loop().id(), null)));
        ops.put("putObjectiveFeedback", new Operation(Need.LOOP,
                (s, x) -> s.putObjectiveFeedback(x.loop().id(), "objective feedback explained by statekeeper")));
        ops.put("getObjectiveFeedback", new Operation(Need.LOOP, (s, x) -> s.getObjectiveFeedback(x.loop().id())));
        ops.put("deleteLoop", new Operation(Need.LOOP, (s, x) -> s.deleteLoop(x.loop().id())));
        ops.put("cleanLoops", new Operation(Need.NONE, (s, x) -> s.cleanLoops(CLEAN_AGE, false)));
        ops.put("putSpec", new Operation(Need.SPEC, (s, x) -> s.putSpec(x.spec().project(), x.spec().content())));
        ops.put("updateSpec", new Operation(Need.SPEC,
                (s, x) -> s.updateSpec(x.spec().project(), x.spec().name(), x.spec().content(), null)));
        ops.put("getSpec", new Operation(Need.SPEC, (s, x) -> s.getSpec(x.spec().project(), x.spec().name())));
        ops.put("listSpecs", new Operation(Need.SPEC, (s, x) -> s.listSpecs(SpecQuery.of(x.spec().project()))));
        ops.put("specHistory", new Operation(Need.SPEC, (s, x) -> s.specHistory(x.spec().project(), x.spec().name())));
        // a part of the name that is not its start: the search past an exact or prefix match
        ops.put("resolveSpec", new Operation(Need.SPEC, (s, x) -> s.resolveSpec(x.spec().project(),
                x.spec().name().length() > 1 ? x.spec().name().substring(1) : x.spec().name())));
        ops.put("deleteSpec", new Operation(Need.SPEC, (s, x) -> s.deleteSpec(x.spec().project(), x.spec().name())));
        ops.put("linkLoop", new Operation(Need.LINK,
                (s, x) -> s.linkLoop(x.loop().id(), x.spec().project(), x.spec().name())));
        ops.put("specForLoop", new Operation(Need.LOOP, (s, x) -> s.specForLoop(x.loop().id())));
        ops.put("unlinkLoop", new Operation(Need.LOOP, (s, x) -> s.unlinkLoop(x.loop().id())));
        ops.put("putRoadmap", new Operation(Need.ROADMAP,
                (s, x) -> s.putRoadmap(x.roadmap().project(), x.roadmap().content(), null)));
        ops.put("getRoadmap", new Operation(Need.ROADMAP, (s, x) -> s.getRoadmap(x.roadmap().project())));
        ops.put("putPlan", new Operation(Need.PLAN, (s, x) -> s.putPlan(x.plan().project(), x.plan().content(), null)));
        ops.put("getPlan", new Operation(Need.PLAN, (s, x) -> s.getPlan(x.plan().project())));
        ops.put("listPlans", new Operation(Need.NONE, (s, x) -> s.listPlans(PlanQuery.all())));
        ops.put("deletePlan", new Operation(Need.PLAN, (s, x) -> s.deletePlan(x.plan().project())));
        ops.put("startSession", new Operation(Need.NONE,
                (s, x) -> s.startSession(NewSession.named("statekeeper-explain-" + System.nanoTime()))));
        ops.put("getSession", new Operation(Need.SESSION, (s, x) -> s.getSession(x.session())));
        ops.put("listSessions", new Operation(Need.NONE, (s, x) -> s.listSessions(SessionQuery.all())));
        ops.put("endSession", new Operation(Need.SESSION, (s, x) -> s.endSession(x.session())));
        ops.put("cleanSessions", new Operation(Need.NONE, (s, x) -> s.cleanSessions(CLEAN_AGE, false)));
        return ops;
    }

    /** The records an operation runs on, read from the store before it is explained. */
    private record Samples(Loop loop, Spec spec, Roadmap roadmap, ProjectPlan plan, String session) {
        static Samples find(ExplainingDataSource source, StateStore store, Need need, String operation) {
            if (need == Need.NONE) {
                return new Samples(null, null, null, null, null);
            }
            try (Connection c = source.getConnection()) {
                return switch (need) {
                    case NONE -> throw new IllegalStateException();
                    case LOOP -> new Samples(loop(c, store, operation), null, null, null, null);
                    case SPEC -> new Samples(null, spec(c, store, operation), null, null, null);
                    case LINK -> new Samples(loop(c, store, operation), spec(c, store, operation), null, null, null);
                    case ROADMAP -> new Samples(null, null, store.getRoadmap(key(c, Need.ROADMAP, operation,
                            "SELECT project_name FROM roadmaps ORDER BY project_name LIMIT 1")), null, null);
                    case PLAN -> new Samples(null, null, null, store.getPlan(key(c, Need.PLAN, operation,
                            "SELECT project_name FROM project_plans ORDER BY project_name LIMIT 1")), null);
                    case SESSION -> new Samples(null, null, null, null, key(c, Need.SESSION, operation,
                            "SELECT name FROM sessions ORDER BY created_at DESC, name DESC LIMIT 1"));
                };
            } catch (SQLException e) {
                throw new StatekeeperException(ErrorCode.BACKEND_UNAVAILABLE, "cannot find a " + need.what + " to explain "
                        + operation + " on: " + StatementStats.firstLine(e), e);
            }
        }

        /** The newest loop that takes feedback and a decision, else the newest; by the created_at index. */
        private static Loop loop(Connection c, StateStore store, String operation) throws SQLException {
            Optional<String> open = first(c, "SELECT id FROM loop_states WHERE status <> 'completed' "
                    + "AND feedback_count > 0 ORDER BY created_at DESC, id DESC LIMIT 1");
            return store.getLoop(open.isPresent() ? open.get() : key(c, Need.LOOP, operation,
                    "SELECT id FROM loop_states ORDER BY created_at DESC, id DESC LIMIT 1"));
        }

        /** The newest spec. */
        private static Spec spec(Connection c, StateStore store, String operation) throws SQLException {
            String key = key(c, Need.SPEC, operation, "SELECT project_name || '/' || spec_name FROM technical_specs "
                    + "ORDER BY id DESC LIMIT 1");
            int slash = key.indexOf('/');
            return store.getSpec(key.substring(0, slash), key.substring(slash + 1));
        }

        private static String key(Connection c, Need need, String operation, String sql) throws SQLException {
            return first(c, sql).orElseThrow(() -> new StatekeeperException(need.missing, "cannot explain " + operation
                    + ": the store has no " + need.what + " to run it on (it takes an existing " + need.what
                    + "'s key); store one first"));
        }

        private static Optional<String> first(Connection c, String sql) throws SQLException {
            return Jdbc.list(c, sql, r -> r.getString(1)).stream().findFirst();
        }

        String describe(Need need) {
            return switch (need) {
                case NONE -> "";
                case LOOP -> "loop '" + loop.id() + "'";
                case LINK -> "loop '" + loop.id() + "', spec '" + spec.name() + "' of project '" + spec.project() + "'";
                case SPEC -> "spec '" + spec.name() + "' of project '" + spec.project() + "'";
                case ROADMAP -> "roadmap of project '" + roadmap.project() + "'";
                case PLAN -> "plan of project '" + plan.project() + "'";
                case SESSION -> "session '" + session + "'";
            };
        }

        String project() {
            return "statekeeper-explain";
        }

        LoopType loopType() {
            return LoopType.SPEC;
        }

        /** Feedback like the loop's last entry (its critic and score), else a plain one, on its current iteration. */
        CriticFeedback feedback() {
            Optional<CriticFeedback> last = loop.feedback().isEmpty() ? Optional.empty()
                    : Optional.of(loop.feedback().getLast());
            return CriticFeedback.builder().criticAgent(last.map(CriticFeedback::criticAgent).orElse("statekeeper-explain"))
                    .iteration(null).overallScore(last.map(CriticFeedback::overallScore).orElse(50))
                    .assessmentSummary("feedback explained by statekeeper").detailedFeedback("")
                    .keyIssues(List.of()).recommendations(List.of()).build();
        }
    }
}
