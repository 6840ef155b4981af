package dev.statekeeper.mcp;

import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.Paging;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.PlanQuery;
import dev.statekeeper.core.domain.PlanStatus;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.result.PlanDeleted;

import java.util.List;

/** The one-per-project documents: the roadmap and the project plan. */
final class DocumentTools {
    private DocumentTools() {
    }

    record StoreRoadmap(
            @Arg(value = "the project", required = true, maxLength = NewLoop.MAX_PROJECT) String project,
            @Arg(value = "the roadmap document: creates the roadmap (a title is required), or updates it "
                    + "(omitted fields keep their value)", required = true) RoadmapContent roadmap,
            @Arg(value = "fail with a stale-version error unless the roadmap is at this version", min = 1) Long expectedVersion) {
    }

    record ProjectRef(@Arg(value = "the project", required = true, maxLength = NewLoop.MAX_PROJECT) String project) {
    }

    record StorePlan(
            @Arg(value = "the project", required = true, maxLength = NewLoop.MAX_PROJECT) String project,
            @Arg(value = "the plan document: creates the plan, or updates it (omitted fields keep their value)",
                    required = true) PlanContent plan,
            @Arg(value = "fail with a stale-version error unless the plan is at this version", min = 1) Long expectedVersion) {
    }

    record ListPlans(
            @Arg("only plans in this status") PlanStatus status,
            @Arg(value = "at most this many plans (default 50)", min = 1, max = Paging.MAX_LIMIT) Integer limit,
            @Arg(value = Listing.CURSOR, maxLength = Listing.MAX_CURSOR) String cursor) {
    }

    static List<ToolDef<?>> all() {
        return List.of(
                ToolDef.overwrites("create_roadmap", StoreRoadmap.class, ToolDef.type(Roadmap.class),
                        "Store the project's roadmap: creates it, or updates it. Returns the roadmap with the "
                                + "project's specs.",
                        (store, a) -> store.putRoadmap(a.project(), a.roadmap(), a.expectedVersion())),
                ToolDef.reads("get_roadmap", ProjectRef.class, ToolDef.type(Roadmap.class),
                        "The project's roadmap with the project's specs in creation order.",
                        (store, a) -> store.getRoadmap(a.project())),
                ToolDef.overwrites("store_project_plan", StorePlan.class, ToolDef.type(ProjectPlan.class),
                        "Store the project's plan: creates it, or updates it.",
                        (store, a) -> store.putPlan(a.project(), a.plan(), a.expectedVersion())),
                ToolDef.reads("get_project_plan", ProjectRef.class, ToolDef.type(ProjectPlan.class), "The project's plan.",
                        (store, a) -> store.getPlan(a.project())),
                ToolDef.reads("list_project_plans", ListPlans.class, ToolDef.listing(ProjectPlan.class), "Project plans by project, one page at a time.",
                        (store, a) -> Listing.of(store.listPlans(new PlanQuery(a.status(),
                                Paging.of(a.limit(), Listing.offset(a.cursor())))))),
                ToolDef.deletes("delete_project_plan", ProjectRef.class, ToolDef.type(PlanDeleted.class), "Delete the project's plan.",
                        (store, a) -> {
                            store.deletePlan(a.project());
                            return new PlanDeleted(a.project());
                        }));
    }
}
