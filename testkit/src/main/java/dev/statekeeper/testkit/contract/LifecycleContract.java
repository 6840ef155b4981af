package dev.statekeeper.testkit.contract;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.PlanQuery;
import dev.statekeeper.core.domain.SessionQuery;
import dev.statekeeper.core.domain.SpecQuery;
import dev.statekeeper.core.error.ErrorCode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static dev.statekeeper.testkit.Fixtures.plan;
import static dev.statekeeper.testkit.Fixtures.roadmap;
import static dev.statekeeper.testkit.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** Store information, and what happens after close. */
public abstract class LifecycleContract extends ContractBase {

    @Test
    void infoCountsEveryKindOfRecord() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        store.addFeedback(loop.id(), feedback(10));
        store.addFeedback(loop.id(), feedback(20));
        store.putSpec("demo", spec("Auth"));
        store.putSpec("demo", spec("Auth"));
        store.putRoadmap("demo", roadmap("R"));
        store.putPlan("demo", plan("v"));
        store.startSession(NewSession.named("s"));

        StoreInfo info = store.info();

        assertThat(info.counts()).containsExactlyInAnyOrderEntriesOf(Map.of("loops", 1L, "feedback", 2L, "specs", 1L,
                "specRevisions", 2L, "roadmaps", 1L, "plans", 1L, "sessions", 1L));
        assertThat(info.backend()).isNotBlank();
        assertThat(info.location()).isNotBlank();
        assertThat(info.sizes()).allSatisfy((what, bytes) -> assertThat(bytes).isPositive());
    }

    @Test
    void anOpenStoreAnswersAPingAndItsPoolHasNoConnectionInUseBetweenOperations() {
        store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        store.ping();
        store.poolStats().ifPresent(pool -> {
            assertThat(pool.active()).isZero();
            assertThat(pool.waiting()).isZero();
            assertThat(pool.max()).isPositive();
        });
    }

    @Test
    void everyOperationAfterCloseFailsWithStoreClosedAndCloseIsIdempotent() {
        StateStore other = open(settings());
        Loop loop = other.createLoop(NewLoop.of("demo", LoopType.SPEC));
        String message = "the " + other.info().backend() + " store is closed";

        other.close();

        String id = loop.id();
        List<ThrowingCallable> operations = List.of(
                other::info, other::ping, () -> other.createLoop(NewLoop.of("demo", LoopType.SPEC)), () -> other.getLoop(id),
                () -> other.listLoops(LoopQuery.all()), other::activeLoops, () -> other.addFeedback(id, feedback(10)),
                () -> other.decide(id), () -> other.putObjectiveFeedback(id, "x"), () -> other.getObjectiveFeedback(id),
                () -> other.deleteLoop(id), () -> other.cleanLoops(Duration.ofDays(1), true),
                () -> other.cleanLoops(Duration.ofDays(1), false), () -> other.putSpec("demo", spec("Auth")),
                () -> other.updateSpec("demo", "auth", spec("Auth"), null), () -> other.getSpec("demo", "auth"),
                () -> other.listSpecs(SpecQuery.of("demo")), () -> other.specHistory("demo", "auth"),
                () -> other.resolveSpec("demo", "auth"), () -> other.deleteSpec("demo", "auth"),
                () -> other.linkLoop(id, "demo", "auth"), () -> other.unlinkLoop(id), () -> other.specForLoop(id),
                () -> other.putRoadmap("demo", roadmap("R")), () -> other.getRoadmap("demo"),
                () -> other.putPlan("demo", plan("v")), () -> other.getPlan("demo"), () -> other.listPlans(PlanQuery.all()),
                () -> other.deletePlan("demo"), () -> other.startSession(NewSession.named("s")),
                () -> other.getSession("s"), () -> other.listSessions(SessionQuery.all()), () -> other.endSession("s"),
                () -> other.cleanSessions(Duration.ofDays(1), true));
        for (ThrowingCallable operation : operations) {
            failure(ErrorCode.STORE_CLOSED, message, operation);
        }
        other.close();
    }
}
