package dev.statekeeper.testkit.contract;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

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
    }

    @Test
    void everyOperationAfterCloseFailsWithStoreClosed() {
        StateStore other = open(settings());
        Loop loop = other.createLoop(NewLoop.of("demo", LoopType.SPEC));
        String message = "the " + other.info().backend() + " store is closed";

        other.close();

        failure(ErrorCode.STORE_CLOSED, message, () -> other.getLoop(loop.id()));
        failure(ErrorCode.STORE_CLOSED, message, () -> other.createLoop(NewLoop.of("demo", LoopType.SPEC)));
        failure(ErrorCode.STORE_CLOSED, message, () -> other.addFeedback(loop.id(), feedback(10)));
        failure(ErrorCode.STORE_CLOSED, message, () -> other.listLoops(LoopQuery.all()));
        failure(ErrorCode.STORE_CLOSED, message, () -> other.putSpec("demo", spec("Auth")));
        failure(ErrorCode.STORE_CLOSED, message, () -> other.getSession("s"));
        failure(ErrorCode.STORE_CLOSED, message, other::info);
        other.close();
    }
}
