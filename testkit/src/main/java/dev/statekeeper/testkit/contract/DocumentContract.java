package dev.statekeeper.testkit.contract;

import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.PlanQuery;
import dev.statekeeper.core.domain.PlanStatus;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.domain.RoadmapStatus;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

import static dev.statekeeper.testkit.Fixtures.plan;
import static dev.statekeeper.testkit.Fixtures.roadmap;
import static dev.statekeeper.testkit.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** Roadmaps (with their project's specs) and project plans: one of each per project. */
public abstract class DocumentContract extends ContractBase {

    @Test
    void storesARoadmapAndReadsItWithTheProjectsSpecsInCreationOrder() {
        store.putSpec("demo", spec("Zeta"));
        store.putSpec("demo", spec("Alpha"));
        store.putSpec("other", spec("Elsewhere"));

        Roadmap stored = store.putRoadmap("demo", roadmap("Demo roadmap"));
        Roadmap read = store.getRoadmap("demo");

        assertThat(stored.version()).isEqualTo(1);
        assertThat(read.content().status()).isEqualTo(RoadmapStatus.DRAFT);
        assertThat(read.content().performanceTargets()).isEqualTo("p99 < 100ms");
        assertThat(read.specs()).extracting(Spec::name).containsExactly("zeta", "alpha");
        assertThat(read).isEqualTo(stored);
    }

    @Test
    void updatingARoadmapKeepsOmittedFields() {
        store.putRoadmap("demo", roadmap("Demo roadmap"));
        RoadmapContent change = new RoadmapContent(null, RoadmapStatus.IN_PROGRESS, "new goal", null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);

        Roadmap updated = store.putRoadmap("demo", change);

        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.content().projectGoal()).isEqualTo("new goal");
        assertThat(updated.content().status()).isEqualTo(RoadmapStatus.IN_PROGRESS);
        assertThat(updated.content().title()).isEqualTo("Demo roadmap");
        assertThat(updated.content().budget()).isEqualTo("100k");
        assertThat(updated.updatedAt()).isAfter(updated.createdAt());
    }

    @Test
    void aRoadmapOrPlanWriteWithAnExpectedVersionAppliesOnlyAtThatVersion() {
        failure(ErrorCode.STALE_VERSION, "project 'demo' has no roadmap yet, so it is not at version 1; store it "
                + "without an expected version to create it", () -> store.putRoadmap("demo", roadmap("R"), 1L));
        store.putRoadmap("demo", roadmap("R"));
        assertThat(store.putRoadmap("demo", RoadmapContent.titled("R2"), 1L).version()).isEqualTo(2);
        failure(ErrorCode.STALE_VERSION, "roadmap of project 'demo' is at version 2, not 1",
                () -> store.putRoadmap("demo", RoadmapContent.titled("R3"), 1L));
        assertThat(store.getRoadmap("demo").content().title()).as("nothing written").isEqualTo("R2");

        failure(ErrorCode.STALE_VERSION, "project 'demo' has no plan yet, so it is not at version 3; store it "
                + "without an expected version to create it", () -> store.putPlan("demo", plan("v"), 3L));
        store.putPlan("demo", plan("v"));
        assertThat(store.putPlan("demo", plan("v2"), 1L).version()).isEqualTo(2);
        failure(ErrorCode.STALE_VERSION, "plan of project 'demo' is at version 2, not 1",
                () -> store.putPlan("demo", plan("v3"), 1L));
        assertThat(store.getPlan("demo").content().vision()).isEqualTo("v2");
    }

    @Test
    void roadmapsNeedATitleAndAProject() {
        failure(ErrorCode.VALIDATION_FAILED, "invalid roadmap: title = (missing): is required",
                () -> store.putRoadmap("demo", RoadmapContent.titled(null)));
        failure(ErrorCode.VALIDATION_FAILED, "invalid roadmap: project = '': is required",
                () -> store.putRoadmap("", roadmap("x")));
        failure(ErrorCode.ROADMAP_NOT_FOUND, "roadmap of project 'demo' not found", () -> store.getRoadmap("demo"));
    }

    @Test
    void storesUpdatesListsAndDeletesPlans() {
        ProjectPlan first = store.putPlan("beta", plan("vision b"));
        store.putPlan("alpha", plan("vision a"));
        PlanContent activate = new PlanContent(PlanStatus.ACTIVE, null, "mission", null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);

        ProjectPlan updated = store.putPlan("beta", activate);

        assertThat(first.version()).isEqualTo(1);
        assertThat(first.content().status()).isEqualTo(PlanStatus.DRAFT);
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.content().vision()).isEqualTo("vision b");
        assertThat(updated.content().mission()).isEqualTo("mission");
        assertThat(store.getPlan("beta")).isEqualTo(updated);

        assertThat(projects(store.listPlans(PlanQuery.all()))).containsExactly("alpha", "beta");
        assertThat(projects(store.listPlans(PlanQuery.all().status(PlanStatus.ACTIVE)))).containsExactly("beta");
        assertThat(projects(store.listPlans(PlanQuery.all().page(1, 1)))).containsExactly("beta");

        store.deletePlan("beta");
        failure(ErrorCode.PLAN_NOT_FOUND, "plan of project 'beta' not found", () -> store.getPlan("beta"));
        failure(ErrorCode.PLAN_NOT_FOUND, "plan of project 'beta' not found", () -> store.deletePlan("beta"));
        assertThat(store.listPlans(PlanQuery.all()).total()).isEqualTo(1);
    }

    @Test
    void listsPlansInCodePointOrderOfTheirProjects() {
        for (String project : java.util.List.of("\uD83D\uDE00", "\uFF21", "beta", "Alpha")) {
            store.putPlan(project, plan("v"));
        }

        assertThat(projects(store.listPlans(PlanQuery.all())))
                .containsExactly("Alpha", "beta", "\uFF21", "\uD83D\uDE00");
    }

    @Test
    void plansNeedAProject() {
        failure(ErrorCode.VALIDATION_FAILED, "invalid plan: project = (missing): is required",
                () -> store.putPlan(null, plan("v")));
        failure(ErrorCode.VALIDATION_FAILED, "invalid plan: plan = (missing): is required", () -> store.putPlan("demo", null));
    }

    private static java.util.List<String> projects(Page<ProjectPlan> page) {
        return page.items().stream().map(ProjectPlan::project).toList();
    }
}
