package dev.statekeeper.server;

import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.PlanQuery;
import dev.statekeeper.core.domain.PlanStatus;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.RoadmapContent;

/** The one-per-project documents: the roadmap (read with the project's specs) and the project plan. */
final class ProjectRoutes {
    private ProjectRoutes() {
    }

    static void register(Api api) {
        api.put("/projects/{project}/roadmap").ifMatch().summary("store the roadmap")
                .body(RoadmapContent.class).answers(200, Roadmap.class).to(ctx -> {
            Roadmap roadmap = api.store.putRoadmap(ctx.pathParam("project"),
                    JsonBody.read(ctx, "roadmap", RoadmapContent.class), Params.ifMatch(ctx));
            Api.versioned(ctx, 200, roadmap, roadmap.version());
        });
        api.get("/projects/{project}/roadmap").summary("the roadmap").answers(200, Roadmap.class).to(ctx -> {
            Roadmap roadmap = api.store.getRoadmap(ctx.pathParam("project"));
            Api.versioned(ctx, 200, roadmap, roadmap.version());
        });
        api.put("/projects/{project}/plan").ifMatch().summary("store the plan")
                .body(PlanContent.class).answers(200, ProjectPlan.class).to(ctx -> {
            ProjectPlan plan = api.store.putPlan(ctx.pathParam("project"), JsonBody.read(ctx, "plan", PlanContent.class),
                    Params.ifMatch(ctx));
            Api.versioned(ctx, 200, plan, plan.version());
        });
        api.get("/projects/{project}/plan").summary("the plan").answers(200, ProjectPlan.class).to(ctx -> {
            ProjectPlan plan = api.store.getPlan(ctx.pathParam("project"));
            Api.versioned(ctx, 200, plan, plan.version());
        });
        api.delete("/projects/{project}/plan").summary("delete the plan").answersNothing().to(ctx -> {
            api.store.deletePlan(ctx.pathParam("project"));
            ctx.status(204);
        });
        api.get("/plans").query("status", "limit", "offset").choice("status", PlanStatus.class)
                .summary("list plans").answersPage(ProjectPlan.class).to(ctx ->
                Api.page(ctx, api.store.listPlans(new PlanQuery(Params.choice(ctx, "status", PlanStatus.class),
                        Params.paging(ctx)))));
    }
}
