package dev.statekeeper.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.internal.json.JsonInput;
import dev.statekeeper.core.result.ObjectiveFeedback;
import dev.statekeeper.core.events.LoopWait;
import io.javalin.http.Context;

import java.time.Duration;

/** Loops: create, read, list, delete; feedback, decide, objective feedback and the loop's spec link. */
final class LoopRoutes {
    record ObjectiveText(String text) {
    }

    record SpecRef(String project, String name) {
    }

    /** The longest a long poll ({@code ?wait=}) waits. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    /** The header that says how a long poll ended: {@code changed} or {@code timeout}. */
    static final String WAIT_HEADER = "Statekeeper-Wait";

    private final Api api;
    private final Waits polls;

    private LoopRoutes(Api api, Waits polls) {
        this.api = api;
        this.polls = polls;
    }

    /** @param polls the places of the long polls waiting now */
    static void register(Api api, Waits polls) {
        LoopRoutes r = new LoopRoutes(api, polls);
        api.post("/loops").summary("create a loop").body(NewLoop.class).answers(201, Loop.class).to(r::create);
        api.get("/loops").query("project", "type", "status", "limit", "offset")
                .choice("type", LoopType.class).choice("status", LoopStatus.class).summary("list loops")
                .answersPage(LoopSummary.class).to(r::list);
        api.get("/active-loops").summary("the loops in progress").answersItems(LoopSummary.class).to(ctx -> Api.items(ctx, api.store.activeLoops()));
        api.get("/loops/{id}").query("wait", "version")
                .summary("a loop with its history; with wait and version, once it is past that version")
                .answers(200, Loop.class).to(r::get);
        api.delete("/loops/{id}").summary("delete a loop").answersNothing().to(ctx -> {
            api.store.deleteLoop(ctx.pathParam("id"));
            ctx.status(204);
        });
        api.post("/loops/{id}/feedback").ifMatch().summary("add a critic's feedback")
                .body(CriticFeedback.class).answers(201, LoopSummary.class).to(r::feedback);
        api.post("/loops/{id}/decide").ifMatch().summary("decide on the newest feedback")
                .answers(200, Decision.class).to(ctx -> {
            Decision decision = api.store.decide(ctx.pathParam("id"), Params.ifMatch(ctx));
            Api.versioned(ctx, 200, decision, decision.version());
        });
        api.put("/loops/{id}/objective").summary("store the objective feedback")
                .body(ObjectiveText.class).answers(200, ObjectiveFeedback.class).to(r::putObjective);
        api.get("/loops/{id}/objective").summary("the objective feedback")
                .answers(200, ObjectiveFeedback.class).to(ctx -> {
            String id = ctx.pathParam("id");
            ctx.json(new ObjectiveFeedback(id, api.store.getObjectiveFeedback(id)));
        });
        api.put("/loops/{id}/spec").summary("link the loop to a spec").body(SpecRef.class)
                .answers(200, Spec.class).to(r::link);
        api.get("/loops/{id}/spec").summary("the spec the loop is linked to").answers(200, Spec.class).to(ctx -> {
            Spec spec = api.store.specForLoop(ctx.pathParam("id"));
            Api.versioned(ctx, 200, spec, spec.version());
        });
        api.delete("/loops/{id}/spec").summary("unlink the loop").answersNothing().to(ctx -> {
            api.store.unlinkLoop(ctx.pathParam("id"));
            ctx.status(204);
        });
    }

    /**
     * The loop; with {@code wait} (seconds, {@code 30} or {@code 30s}, at most {@link #MAX_WAIT}) and {@code version},
     * a long poll: answered once the loop's version is past {@code version} (at once when it already is), else when
     * the wait is over, with the loop as it is and {@value #WAIT_HEADER} saying which. It holds its request thread
     * while it waits ({@link LoopWait} follows the store's events); the long polls waiting at once are bounded by
     * {@link Waits}, and a server stop answers them at once.
     */
    @SuppressWarnings("try") // the place is held for the wait
    private void get(Context ctx) {
        String id = ctx.pathParam("id");
        String wait = ctx.queryParam("wait");
        if (wait == null) {
            if (ctx.queryParam("version") != null) {
                throw Params.invalid("version", ctx.queryParam("version"), "is read only with wait (a long poll)");
            }
            Loop loop = api.store.getLoop(id);
            Api.versioned(ctx, 200, loop, loop.version());
            return;
        }
        if (!wait.matches("\\d{1,2}s?") || Integer.parseInt(wait.replace("s", "")) > MAX_WAIT.toSeconds()) {
            throw Params.invalid("wait", wait, "must be seconds from 0 to " + MAX_WAIT.toSeconds() + ", such as 30s");
        }
        Duration timeout = Duration.ofSeconds(Integer.parseInt(wait.replace("s", "")));
        if (ctx.queryParam("version") == null) {
            throw Params.invalid("version", null, "is required with wait: the version of the loop last read");
        }
        long version = Params.whole(ctx, "version", 0, Long.MAX_VALUE, 0);
        LoopWait.Result result;
        try (Waits.Place place = polls.enter()) {
            try {
                result = LoopWait.pastVersion(api.store, id, version, timeout);
            } catch (InterruptedException stopping) {
                Thread.interrupted();
                result = new LoopWait.Result(api.store.getLoop(id), false); // the server stops: answer as it is
            }
        }
        ctx.header(WAIT_HEADER, result.reached() ? "changed" : "timeout");
        Api.versioned(ctx, 200, result.loop(), result.loop().version());
    }

    private void create(Context ctx) {
        Loop loop = api.store.createLoop(JsonBody.read(ctx, "loop", NewLoop.class));
        ctx.header("ETag", Params.etag(loop.version()));
        Api.created(ctx, "/loops/" + Api.segment(loop.id()), loop);
    }

    private void list(Context ctx) {
        Api.page(ctx, api.store.listLoops(new LoopQuery(Params.text(ctx, "project"), Params.choice(ctx, "type", LoopType.class),
                Params.choice(ctx, "status", LoopStatus.class), Params.paging(ctx))));
    }

    /** Without an iteration, the store records the feedback at the loop's current one. */
    private void feedback(Context ctx) {
        Long expected = Params.ifMatch(ctx);
        CriticFeedback feedback = JsonBody.read(ctx, "feedback", CriticFeedback.class);
        LoopSummary loop = api.store.addFeedback(ctx.pathParam("id"), feedback, expected);
        Api.versioned(ctx, 201, loop, loop.version());
    }

    private void putObjective(Context ctx) {
        String id = ctx.pathParam("id");
        JsonInput input = JsonInput.body("objective feedback");
        ObjectNode body = JsonBody.object(ctx, input);
        input.require(body, "text");
        String text = input.convert(body, ObjectiveText.class).text();
        api.store.putObjectiveFeedback(id, text);
        ctx.json(new ObjectiveFeedback(id, text));
    }

    private void link(Context ctx) {
        String id = ctx.pathParam("id");
        JsonInput input = JsonInput.body("spec link");
        ObjectNode body = JsonBody.object(ctx, input);
        input.require(body, "project");
        input.require(body, "name");
        SpecRef ref = input.convert(body, SpecRef.class);
        api.store.linkLoop(id, ref.project(), ref.name());
        Spec spec = api.store.specForLoop(id);
        Api.versioned(ctx, 200, spec, spec.version());
    }
}
