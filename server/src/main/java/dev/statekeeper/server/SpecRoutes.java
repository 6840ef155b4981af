package dev.statekeeper.server;

import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecQuery;
import dev.statekeeper.core.domain.SpecStatus;
import io.javalin.http.Context;

/** A project's specs: store (create or update by title), update, read, list, revisions, resolve, delete. */
final class SpecRoutes {
    private final Api api;

    private SpecRoutes(Api api) {
        this.api = api;
    }

    static void register(Api api) {
        SpecRoutes r = new SpecRoutes(api);
        api.get("/projects/{project}/specs").query("status", "limit", "offset")
                .choice("status", SpecStatus.class).summary("list the project's specs").answersPage(Spec.class).to(r::list);
        api.post("/projects/{project}/specs").summary("store a spec (201 new, 200 a new version)")
                .body(SpecContent.class).answers(201, Spec.class).to(r::put);
        api.get("/projects/{project}/resolved-spec").query("name").required("name")
                .summary("the spec a partial name matches").answers(200, Spec.class).to(ctx -> {
            Spec spec = api.store.resolveSpec(ctx.pathParam("project"), Params.required(ctx, "name"));
            Api.versioned(ctx, 200, spec, spec.version());
        });
        api.get("/projects/{project}/specs/{name}").summary("a spec").answers(200, Spec.class).to(ctx -> {
            Spec spec = api.store.getSpec(ctx.pathParam("project"), ctx.pathParam("name"));
            Api.versioned(ctx, 200, spec, spec.version());
        });
        api.patch("/projects/{project}/specs/{name}").ifMatch().summary("update a spec")
                .body(SpecContent.class).answers(200, Spec.class).to(r::update);
        api.delete("/projects/{project}/specs/{name}").summary("delete a spec").answersNothing().to(ctx -> {
            api.store.deleteSpec(ctx.pathParam("project"), ctx.pathParam("name"));
            ctx.status(204);
        });
        api.get("/projects/{project}/specs/{name}/revisions").summary("the spec's revisions")
                .answersItems(Spec.class).to(ctx ->
                Api.items(ctx, api.store.specHistory(ctx.pathParam("project"), ctx.pathParam("name"))));
    }

    private void list(Context ctx) {
        Api.page(ctx, api.store.listSpecs(new SpecQuery(ctx.pathParam("project"), Params.choice(ctx, "status", SpecStatus.class),
                Params.paging(ctx))));
    }

    /** Stores by title: 201 with a Location for a new spec, 200 for a new revision of an existing one. */
    private void put(Context ctx) {
        Spec spec = api.store.putSpec(ctx.pathParam("project"), JsonBody.read(ctx, "spec", SpecContent.class));
        ctx.header("ETag", Params.etag(spec.version()))
                .header("Location", Api.BASE + "/projects/" + Api.segment(spec.project()) + "/specs/" + spec.name());
        ctx.status(spec.version() == 1 ? 201 : 200).json(spec);
    }

    private void update(Context ctx) {
        Long expected = Params.ifMatch(ctx);
        SpecContent changes = JsonBody.read(ctx, "spec", SpecContent.class);
        Spec spec = api.store.updateSpec(ctx.pathParam("project"), ctx.pathParam("name"), changes, expected);
        Api.versioned(ctx, 200, spec, spec.version());
    }
}
