package dev.statekeeper.ops.postgres;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.ops.postgres.OperationPlan.ExplainedStatement;
import dev.statekeeper.ops.postgres.OperationPlan.SeqScan;
import dev.statekeeper.ops.postgres.OperationPlan.Status;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * EXPLAIN ANALYZE of a store's operations on the shared embedded PostgreSQL 16, each test in a database of its own:
 * the statements are those the store runs, captured as it runs them; the plan of getLoop on a populated store is an
 * index scan, and a sequential scan of a large table is flagged once the index it needs is gone; a write is rolled
 * back whole.
 */
class ExplainOperationTest {
    private static final int BULK = 12_000;

    private final PostgresServer server = PostgresServer.shared();

    @Test
    void getLoopOnAPopulatedStoreIsAnIndexScanAndNothingIsFlagged() {
        PgStore pg = new PgStore(server).fill(4).bulkLoops(BULK);

        OperationPlan plan = new ExplainOperation(pg.settings).explain("getLoop");

        assertThat(plan.operation()).isEqualTo("getLoop");
        assertThat(plan.arguments()).isEqualTo("loop 'loop0003'");
        assertThat(plan.outcome()).isEqualTo("ok");
        assertThat(plan.largeTableRows()).isEqualTo(ExplainOperation.LARGE_TABLE_ROWS);
        ExplainedStatement statement = plan.statements().getFirst();
        assertThat(plan.statements()).hasSize(1);
        assertThat(statement.status()).isEqualTo(Status.EXPLAINED);
        assertThat(statement.sql()).contains("FROM loop_states l LEFT JOIN critic_feedback f")
                .endsWith("WHERE l.id = ? ORDER BY f.seq");
        assertThat(statement.planJson()).startsWith("[");
        assertThat(statement.executionMs()).isPositive();
        assertThat(statement.nodes()).anySatisfy(n -> {
            assertThat(n.nodeType()).isEqualTo("Index Scan");
            assertThat(n.relation()).isEqualTo("loop_states");
            assertThat(n.index()).isEqualTo("loop_states_pkey");
            assertThat(n.actualRows()).isEqualTo(1);
        });
        // the 8 feedback rows are one page: reading it whole is the planner's fair choice, and nothing to flag
        assertThat(statement.nodes()).noneMatch(n -> n.nodeType().equals("Seq Scan") && "loop_states".equals(n.relation()));
        assertThat(plan.flagged()).isFalse();
        assertThat(plan.toText()).startsWith("explain getLoop (" + plan.arguments() + "): 1 statement(s), ok, rolled "
                        + "back\n\n1. SELECT l.id, ")
                .contains("-> Index Scan using loop_states_pkey on loop_states  (rows 1, estimated 1, loops 1")
                .endsWith("\nno sequential scan of a table of more than 10000 rows\n");
    }

    @Test
    void aSequentialScanOfALargeTableIsFlagged() {
        PgStore pg = new PgStore(server).fill(4).bulkLoops(BULK);
        // the index getLoop needs is missing, as on a database where it was never made (its foreign keys go with it)
        pg.sql("ALTER TABLE loop_states DROP CONSTRAINT loop_states_pkey CASCADE", "ANALYZE loop_states");

        OperationPlan plan = new ExplainOperation(pg.settings).explain("getLoop");

        assertThat(plan.flagged()).isTrue();
        SeqScan scan = plan.seqScans().getFirst();
        assertThat(plan.seqScans()).hasSize(1);
        assertThat(scan).isEqualTo(new SeqScan(1, "loop_states", BULK + 4, BULK + 4));
        assertThat(scan.message()).isEqualTo("statement 1 reads table loop_states by a sequential scan (12004 rows read, "
                + "about 12004 rows in the table): it wants an index on the columns it filters on, or fresh statistics "
                + "(ANALYZE loop_states)");
        assertThat(plan.toText()).endsWith("\nWARNING: " + scan.message() + "\n")
                .contains("-> Seq Scan on loop_states  (rows 1, estimated 1, loops 1, removed by filter 12003");

        // the same scan on a table under the threshold is the planner's fair choice: not flagged
        assertThat(new ExplainOperation(pg.settings, 20_000).explain("getLoop").seqScans()).isEmpty();
    }

    @Test
    void addFeedbackIsExplainedAndRolledBackWhole() throws SQLException {
        PgStore pg = new PgStore(server).fill(4);
        Loop loop;
        try (StateStore store = pg.open()) {
            loop = store.getLoop("loop0003");
        }
        String before = pg.fingerprint(); // after that read: its store wrote the read to the operation log on close

        OperationPlan plan = new ExplainOperation(pg.settings).explain("addFeedback");

        assertThat(plan.outcome()).isEqualTo("ok");
        assertThat(plan.arguments()).matches("loop 'loop000[0-3]'");
        assertThat(plan.statements()).anySatisfy(s -> {
            assertThat(s.sql()).startsWith("INSERT INTO critic_feedback");
            assertThat(s.status()).isEqualTo(Status.EXPLAINED);
            assertThat(s.nodes().getFirst().nodeType()).isEqualTo("ModifyTable");
        });
        assertThat(plan.statements()).anySatisfy(s -> assertThat(s.sql()).startsWith("UPDATE loop_states"));
        assertThat(plan.statements()).allSatisfy(s -> assertThat(s.status()).isEqualTo(Status.EXPLAINED));
        assertThat(pg.fingerprint()).isEqualTo(before);
        try (StateStore store = pg.open()) {
            assertThat(store.getLoop("loop0003")).isEqualTo(loop);
        }
    }

    @Test
    void aReadOfSeveralStatementsKeepsItsSetTransactionAsideAndExplainsTheRest() {
        PgStore pg = new PgStore(server).fill(2);

        OperationPlan plan = new ExplainOperation(pg.settings).explain("listLoops");

        assertThat(plan.outcome()).isEqualTo("ok");
        assertThat(plan.arguments()).isEmpty();
        assertThat(plan.statements()).filteredOn(s -> s.status() == Status.EXPLAINED).isNotEmpty()
                .allSatisfy(s -> assertThat(s.sql()).containsIgnoringCase("loop_states"));
        assertThat(plan.statements()).filteredOn(s -> s.status() != Status.EXPLAINED).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(Status.NOT_RUN);
            assertThat(s.sql()).startsWith("SET TRANSACTION ISOLATION LEVEL");
            assertThat(s.note()).isEqualTo("not run: the explained operation runs in one transaction, which has begun");
        });
    }

    @Test
    void everyOperationRunsOnAFilledStoreAndChangesNothing() throws SQLException {
        PgStore pg = new PgStore(server).fill(2);
        try (StateStore store = pg.open()) {
            store.linkLoop("loop0001", "demo", "spec-0");
            store.putObjectiveFeedback("loop0001", "objective");
            store.putObjectiveFeedback("loop0000", "objective");
        }
        String before = pg.fingerprint();

        for (String operation : ExplainOperation.operations()) {
            OperationPlan plan = new ExplainOperation(pg.settings).explain(operation);
            assertThat(plan.outcome()).as(operation).isEqualTo("ok");
            assertThat(plan.statements()).as(operation).isNotEmpty()
                    .noneMatch(s -> s.status() == Status.EXPLAIN_FAILED);
        }

        assertThat(pg.fingerprint()).isEqualTo(before);
    }

    @Test
    void anUnknownOperationIsRefusedWithTheKnownOnes() {
        PgStore pg = new PgStore(server).fill(1);
        String known = "activeLoops, addFeedback, cleanLoops, cleanSessions, createLoop, decide, deleteLoop, deletePlan, "
                + "deleteSpec, endSession, getLoop, getObjectiveFeedback, getPlan, getRoadmap, getSession, getSpec, "
                + "linkLoop, listLoops, listPlans, listSessions, listSpecs, putObjectiveFeedback, putPlan, putRoadmap, "
                + "putSpec, resolveSpec, specForLoop, specHistory, startSession, unlinkLoop, updateSpec";
        ExplainOperation explain = new ExplainOperation(pg.settings);

        assertThat(ExplainOperation.operations()).containsExactly(known.split(", "));
        assertRefused(() -> explain.explain("getloop"), ErrorCode.USAGE, "unknown operation 'getloop': the "
                + "operations that can be explained are " + known);
        assertRefused(() -> explain.explain(""), ErrorCode.USAGE, "unknown operation '': the operations that can be "
                + "explained are " + known);
        assertRefused(() -> explain.explain(null), ErrorCode.USAGE, "unknown operation 'null': the operations that can "
                + "be explained are " + known);
        assertRefused(() -> explain.explain("get\nLoop\u0000\u001b[31m"), ErrorCode.USAGE, "unknown operation "
                + "'get?Loop??[31m': the operations that can be explained are " + known);
        assertRefused(() -> explain.explain("x".repeat(1_000_000)), ErrorCode.USAGE, "unknown operation '"
                + "x".repeat(64) + "...': the operations that can be explained are " + known);
        assertRefused(() -> explain.explain("close"), ErrorCode.USAGE, "unknown operation 'close': the operations "
                + "that can be explained are " + known);
        assertRefused(() -> new ExplainOperation(pg.settings, -1), ErrorCode.USAGE,
                "the rows of a large table must be 0 or more, not -1");
    }

    @Test
    void anEmptyStoreHasNothingToRunAnOperationOnButListsRun() throws SQLException {
        PgStore pg = new PgStore(server).empty();
        ExplainOperation explain = new ExplainOperation(pg.settings);
        String before = pg.fingerprint();

        assertRefused(() -> explain.explain("getLoop"), ErrorCode.LOOP_NOT_FOUND, "cannot explain getLoop: the store "
                + "has no loop to run it on (it takes an existing loop's key); store one first");
        assertRefused(() -> explain.explain("getSpec"), ErrorCode.SPEC_NOT_FOUND, "cannot explain getSpec: the store "
                + "has no spec to run it on (it takes an existing spec's key); store one first");
        assertRefused(() -> explain.explain("getRoadmap"), ErrorCode.ROADMAP_NOT_FOUND, "cannot explain getRoadmap: "
                + "the store has no roadmap to run it on (it takes an existing roadmap's key); store one first");
        assertRefused(() -> explain.explain("getPlan"), ErrorCode.PLAN_NOT_FOUND, "cannot explain getPlan: the store "
                + "has no project plan to run it on (it takes an existing project plan's key); store one first");
        assertRefused(() -> explain.explain("endSession"), ErrorCode.SESSION_NOT_FOUND, "cannot explain endSession: "
                + "the store has no session to run it on (it takes an existing session's key); store one first");
        assertThat(explain.explain("listLoops").outcome()).isEqualTo("ok");
        assertThat(explain.explain("createLoop").statements()).anySatisfy(s -> assertThat(s.sql())
                .startsWith("INSERT INTO loop_states"));
        assertThat(pg.fingerprint()).isEqualTo(before);
    }

    @Test
    void anOperationThatFailsKeepsThePlansUpToItsError() throws SQLException {
        PgStore pg = new PgStore(server).fill(1);
        String before = pg.fingerprint();

        OperationPlan plan = new ExplainOperation(pg.settings).explain("getObjectiveFeedback");

        assertThat(plan.outcome()).isEqualTo("failed with OBJECTIVE_FEEDBACK_NOT_FOUND: objective feedback of loop "
                + "'loop0000' not found");
        assertThat(plan.statements().getFirst().status()).isEqualTo(Status.NOT_RUN);
        assertThat(plan.statements()).hasSizeGreaterThan(1);
        assertThat(plan.statements().subList(1, plan.statements().size()))
                .allSatisfy(s -> assertThat(s.status()).isEqualTo(Status.EXPLAINED));
        assertThat(pg.fingerprint()).isEqualTo(before);
    }

    @Test
    void anUnreachableServerIsNamedWithoutItsPassword() {
        Settings settings = Settings.builder().set(Setting.BACKEND, "postgres")
                .set(Setting.DATABASE_URL, "postgresql://someone:s3cret@localhost:1/nowhere").build();

        assertThatThrownBy(() -> new ExplainOperation(settings).explain("getLoop")).isInstanceOf(StatekeeperException.class)
                .hasMessageStartingWith("cannot explain getLoop: cannot reach PostgreSQL database 'nowhere' at "
                        + "localhost:1: ")
                .hasMessageNotContaining("s3cret")
                .extracting(e -> ((StatekeeperException) e).code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
        assertThatThrownBy(() -> StatementStats.read(settings, 10)).isInstanceOf(StatekeeperException.class)
                .hasMessageStartingWith("cannot read pg_stat_statements of PostgreSQL database 'nowhere' at "
                        + "localhost:1: ")
                .hasMessageNotContaining("s3cret")
                .extracting(e -> ((StatekeeperException) e).code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code,
                                      String message) {
        assertThatThrownBy(call).isInstanceOf(StatekeeperException.class).hasMessage(message)
                .extracting(e -> ((StatekeeperException) e).code()).isEqualTo(code);
    }
}
