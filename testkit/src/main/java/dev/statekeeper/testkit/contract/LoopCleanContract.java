package dev.statekeeper.testkit.contract;

import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static dev.statekeeper.testkit.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code loop clean}: completed loops last updated before a cutoff are removed with all that belongs to them. */
public abstract class LoopCleanContract extends ContractBase {
    private static final Duration MONTH = Duration.ofDays(30);

    @Test
    void removesOnlyCompletedLoopsOlderThanTheCutoffAndADryRunNothing() {
        Loop oldCompleted = completed("old-completed");
        Loop initialized = store.createLoop(new NewLoop("demo", LoopType.SPEC, "old-initialized"));
        Loop inProgress = store.createLoop(new NewLoop("demo", LoopType.SPEC, "old-in-progress"));
        store.addFeedback(inProgress.id(), feedback(40));
        Loop refined = store.createLoop(new NewLoop("demo", LoopType.SPEC, "old-refine"));
        store.addFeedback(refined.id(), feedback(40));
        assertThat(store.decide(refined.id()).status()).isEqualTo(LoopStatus.REFINE);
        clock.advance(MONTH.plusDays(1));
        Loop recent = completed("recent-completed");

        assertThat(store.cleanLoops(MONTH, true)).containsExactly(oldCompleted.id());
        assertThat(store.getLoop(oldCompleted.id())).isEqualTo(oldCompleted);
        assertThat(store.listLoops(LoopQuery.all()).total()).isEqualTo(5);

        assertThat(store.cleanLoops(MONTH, false)).containsExactly(oldCompleted.id());
        failure(ErrorCode.LOOP_NOT_FOUND, "loop 'old-completed' not found", () -> store.getLoop(oldCompleted.id()));
        assertThat(store.listLoops(LoopQuery.all()).items()).extracting(LoopSummary::id)
                .containsExactlyInAnyOrder(initialized.id(), inProgress.id(), refined.id(), recent.id());
        assertThat(store.cleanLoops(MONTH, false)).isEmpty();
    }

    @Test
    void theCutoffIsTheLastUpdateNotTheCreation() {
        Loop loop = store.createLoop(new NewLoop("demo", LoopType.SPEC, "late"));
        clock.advance(MONTH.plusDays(1));
        store.addFeedback(loop.id(), feedback(90));
        store.decide(loop.id());

        assertThat(store.cleanLoops(MONTH, false)).isEmpty();
        clock.advance(MONTH.plusDays(1));
        assertThat(store.cleanLoops(MONTH, false)).containsExactly("late");
    }

    @Test
    void takesTheLoopsFeedbackHistoryEntryObjectiveAndSpecLinkAlong() {
        store.putSpec("demo", spec("Auth"));
        Loop old = completed("old");
        store.putObjectiveFeedback(old.id(), "ship it");
        store.linkLoop(old.id(), "demo", "auth");
        clock.advance(MONTH.plusDays(1));
        Loop kept = completed("kept"); // completed later: not old yet
        store.linkLoop(kept.id(), "demo", "auth");
        assertThat(store.activeLoops()).extracting(LoopSummary::id).containsExactly("kept", "old");

        assertThat(store.cleanLoops(MONTH, false)).containsExactly("old");

        failure(ErrorCode.LOOP_NOT_FOUND, "loop 'old' not found", () -> store.getObjectiveFeedback("old"));
        failure(ErrorCode.LOOP_NOT_FOUND, "loop 'old' not found", () -> store.specForLoop("old"));
        assertThat(store.activeLoops()).extracting(LoopSummary::id).containsExactly("kept");
        assertThat(store.info().counts()).containsEntry("loops", 1L).containsEntry("feedback", 1L)
                .containsEntry("specs", 1L);
        assertThat(store.specForLoop("kept").name()).isEqualTo("auth");
        assertThat(store.getSpec("demo", "auth").version()).isEqualTo(1);
    }

    @Test
    void returnsTheIdsInStringOrderOnEveryBackend() {
        for (String id : new String[] {"b_1", "a_1", "B-2", "a-1", "a1"}) {
            completed(id);
        }
        clock.advance(MONTH.plusDays(1));

        assertThat(store.cleanLoops(MONTH, true)).containsExactly("B-2", "a-1", "a1", "a_1", "b_1");
        assertThat(store.cleanLoops(MONTH, false)).containsExactly("B-2", "a-1", "a1", "a_1", "b_1");
        assertThat(store.listLoops(LoopQuery.all()).total()).isZero();
    }

    @Test
    void refusesAnAgeOutOfRangeWithTheMessageOfSessionClean() {
        completed("done");
        String negative = "invalid clean: olderThan = PT-1S: must be >= 0";
        String tooLong = "invalid clean: olderThan = PT876024H: must be at most 100 years";

        failure(ErrorCode.VALIDATION_FAILED, negative, () -> store.cleanLoops(Duration.ofSeconds(-1), false));
        failure(ErrorCode.VALIDATION_FAILED, negative, () -> store.cleanSessions(Duration.ofSeconds(-1), false));
        failure(ErrorCode.VALIDATION_FAILED, tooLong, () -> store.cleanLoops(Duration.ofDays(36_501), true));
        failure(ErrorCode.VALIDATION_FAILED, tooLong, () -> store.cleanSessions(Duration.ofDays(36_501), true));
        failure(ErrorCode.VALIDATION_FAILED, "invalid clean: olderThan = (missing): must be >= 0",
                () -> store.cleanLoops(null, false));
        assertThat(store.getLoop("done").status()).isEqualTo(LoopStatus.COMPLETED);
    }

    @Test
    void anAgeOfZeroTakesEveryCompletedLoop() {
        completed("done");
        store.createLoop(new NewLoop("demo", LoopType.SPEC, "open"));
        clock.advance(Duration.ofSeconds(1));

        assertThat(store.cleanLoops(Duration.ZERO, false)).containsExactly("done");
        assertThat(store.getLoop("open").status()).isEqualTo(LoopStatus.INITIALIZED);
    }

    /** A spec loop with the caller's id whose one feedback of 90 reached the threshold (85). */
    private Loop completed(String id) {
        store.createLoop(new NewLoop("demo", LoopType.SPEC, id));
        store.addFeedback(id, feedback(90));
        Decision decision = store.decide(id);
        assertThat(decision.status()).isEqualTo(LoopStatus.COMPLETED);
        return store.getLoop(id);
    }
}
