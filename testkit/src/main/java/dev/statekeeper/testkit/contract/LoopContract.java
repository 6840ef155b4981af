package dev.statekeeper.testkit.contract;

import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static dev.statekeeper.testkit.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** Loops: create, get, list, the bounded active-loop history, objective feedback, delete. */
public abstract class LoopContract extends ContractBase {

    @Test
    void createsALoopWithAGeneratedIdAndInitialState() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));

        assertThat(loop.id()).matches("[a-z0-9]{8}");
        assertThat(loop.project()).isEqualTo("demo");
        assertThat(loop.type()).isEqualTo(LoopType.SPEC);
        assertThat(loop.status()).isEqualTo(LoopStatus.INITIALIZED);
        assertThat(loop.currentScore()).isZero();
        assertThat(loop.scoreHistory()).isEmpty();
        assertThat(loop.iteration()).isEqualTo(1);
        assertThat(loop.feedback()).isEmpty();
        assertThat(loop.version()).isEqualTo(1);
        assertThat(loop.updatedAt()).isEqualTo(loop.createdAt());
        assertThat(store.getLoop(loop.id())).isEqualTo(loop);
    }

    @Test
    void keepsAnIdGivenByTheCaller() {
        Loop loop = store.createLoop(new NewLoop("demo", LoopType.PLAN, "imported-1"));

        assertThat(store.getLoop("imported-1")).isEqualTo(loop);
    }

    @Test
    void refusesADuplicateId() {
        store.createLoop(new NewLoop("demo", LoopType.PLAN, "same"));

        failure(ErrorCode.DUPLICATE, "loop 'same' already exists",
                () -> store.createLoop(new NewLoop("other", LoopType.SPEC, "same")));
        assertThat(store.getLoop("same").project()).isEqualTo("demo");
    }

    @Test
    void reportsAnUnknownLoopByItsId() {
        failure(ErrorCode.LOOP_NOT_FOUND, "loop 'nope1234' not found", () -> store.getLoop("nope1234"));
    }

    @Test
    void validatesEveryFieldOfANewLoopTogether() {
        failure(ErrorCode.VALIDATION_FAILED, "invalid loop (3 problems): project = (missing): is required; "
                        + "type = (missing): is required; id = 'bad id!': must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'",
                () -> store.createLoop(new NewLoop(null, null, "bad id!")));
        failure(ErrorCode.VALIDATION_FAILED, "invalid loop: project = '" + "p".repeat(57) + "...': must be at most 255 characters (has 256)",
                () -> store.createLoop(NewLoop.of("p".repeat(256), LoopType.SPEC)));
        assertThat(store.listLoops(LoopQuery.all()).total()).isZero();
    }

    @Test
    void acceptsAProjectNameOfExactly255Characters() {
        Loop loop = store.createLoop(NewLoop.of("p".repeat(255), LoopType.SPEC));

        assertThat(store.getLoop(loop.id()).project()).hasSize(255);
    }

    @Test
    void listsNewestFirstWithFiltersAndPaging() {
        Loop a = store.createLoop(NewLoop.of("alpha", LoopType.SPEC));
        Loop b = store.createLoop(NewLoop.of("alpha", LoopType.PLAN));
        Loop c = store.createLoop(NewLoop.of("beta", LoopType.SPEC));
        store.addFeedback(b.id(), feedback(50));

        assertThat(ids(store.listLoops(LoopQuery.all()))).containsExactly(c.id(), b.id(), a.id());
        assertThat(ids(store.listLoops(LoopQuery.all().project("alpha")))).containsExactly(b.id(), a.id());
        assertThat(ids(store.listLoops(LoopQuery.all().type(LoopType.SPEC)))).containsExactly(c.id(), a.id());
        assertThat(ids(store.listLoops(LoopQuery.all().status(LoopStatus.IN_PROGRESS)))).containsExactly(b.id());
        assertThat(ids(store.listLoops(LoopQuery.all().project("alpha").type(LoopType.SPEC)))).containsExactly(a.id());

        Page<LoopSummary> second = store.listLoops(LoopQuery.all().page(1, 1));
        assertThat(ids(second)).containsExactly(b.id());
        assertThat(second.total()).isEqualTo(3);
        assertThat(second.limit()).isEqualTo(1);
        assertThat(second.offset()).isEqualTo(1);
        assertThat(store.listLoops(LoopQuery.all().page(10, 5)).items()).isEmpty();
        assertThat(store.listLoops(LoopQuery.all().page(10, 5)).total()).isEqualTo(3);
    }

    @Test
    void summariesCarryTheFeedbackCountAndVersion() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        store.addFeedback(loop.id(), feedback(40));
        store.addFeedback(loop.id(), feedback(60));

        LoopSummary summary = store.listLoops(LoopQuery.all()).items().getFirst();
        assertThat(summary).isEqualTo(store.getLoop(loop.id()).summary());
        assertThat(summary.feedbackCount()).isEqualTo(2);
        assertThat(summary.version()).isEqualTo(3);
    }

    @Test
    void refusesInvalidPaging() {
        failure(ErrorCode.VALIDATION_FAILED, "invalid paging (2 problems): limit = 0: must be between 1 and 1000; "
                + "offset = -1: must be >= 0", () -> store.listLoops(LoopQuery.all().page(0, -1)));
    }

    @Test
    void activeHistoryKeepsTheNewestLoopsAndNeverDeletesLoops() {
        Loop first = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        Loop second = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        Loop third = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        Loop fourth = store.createLoop(NewLoop.of("demo", LoopType.SPEC));

        assertThat(store.activeLoops()).extracting(LoopSummary::id).containsExactly(fourth.id(), third.id(), second.id());
        assertThat(store.getLoop(first.id())).isEqualTo(first);
        assertThat(store.listLoops(LoopQuery.all()).total()).isEqualTo(4);
    }

    @Test
    void activeHistoryShowsCurrentStateAndForgetsDeletedLoops() {
        Loop a = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        Loop b = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        store.addFeedback(a.id(), feedback(70));
        store.deleteLoop(b.id());

        List<LoopSummary> active = store.activeLoops();
        assertThat(active).extracting(LoopSummary::id).containsExactly(a.id());
        assertThat(active.getFirst().currentScore()).isEqualTo(70);
    }

    @Test
    void storesReplacesAndReadsObjectiveFeedback() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        failure(ErrorCode.OBJECTIVE_FEEDBACK_NOT_FOUND, "objective feedback of loop '" + loop.id() + "' not found",
                () -> store.getObjectiveFeedback(loop.id()));

        store.putObjectiveFeedback(loop.id(), "first");
        store.putObjectiveFeedback(loop.id(), "second");

        assertThat(store.getObjectiveFeedback(loop.id())).isEqualTo("second");
    }

    @Test
    void objectiveFeedbackNeedsAnExistingLoopAndText() {
        failure(ErrorCode.LOOP_NOT_FOUND, "loop 'nope1234' not found", () -> store.putObjectiveFeedback("nope1234", "x"));
        failure(ErrorCode.LOOP_NOT_FOUND, "loop 'nope1234' not found", () -> store.getObjectiveFeedback("nope1234"));
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        failure(ErrorCode.VALIDATION_FAILED, "invalid objective feedback: feedback = '  ': is required",
                () -> store.putObjectiveFeedback(loop.id(), "  "));
    }

    @Test
    void deleteRemovesEverythingThatBelongsToTheLoop() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        store.addFeedback(loop.id(), feedback(50));
        store.putObjectiveFeedback(loop.id(), "objective");
        store.putSpec("demo", spec("Auth"));
        store.linkLoop(loop.id(), "demo", "auth");

        store.deleteLoop(loop.id());

        failure(ErrorCode.LOOP_NOT_FOUND, "loop '" + loop.id() + "' not found", () -> store.getLoop(loop.id()));
        failure(ErrorCode.LOOP_NOT_FOUND, "loop '" + loop.id() + "' not found", () -> store.getObjectiveFeedback(loop.id()));
        assertThat(store.activeLoops()).isEmpty();
        assertThat(store.info().counts()).containsEntry("loops", 0L).containsEntry("feedback", 0L);
        assertThat(store.getSpec("demo", "auth").version()).isEqualTo(1);
        failure(ErrorCode.LOOP_NOT_FOUND, "loop 'nope1234' not found", () -> store.deleteLoop("nope1234"));
    }

    private static List<String> ids(Page<LoopSummary> page) {
        return page.items().stream().map(LoopSummary::id).toList();
    }
}
