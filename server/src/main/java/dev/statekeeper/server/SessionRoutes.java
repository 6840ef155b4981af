package dev.statekeeper.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.internal.domain.Retention;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionQuery;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.core.internal.json.JsonInput;
import dev.statekeeper.core.result.SessionsCleaned;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.List;

/**
 * Work sessions: start, read, list, end, clean. Session names may hold '/', so the name is the rest of the path
 * ({@code <name>}); '#', '?' and '%' in a name are percent-encoded by the client.
 */
final class SessionRoutes {
    record CleanRequest(String olderThan, Boolean dryRun) {
    }

    private SessionRoutes() {
    }

    static void register(Api api) {
        api.post("/sessions").summary("start a session").body(NewSession.class).answers(201, Session.class).to(ctx -> {
            Session session = api.store.startSession(JsonBody.read(ctx, "session", NewSession.class));
            Api.created(ctx, "/sessions/" + Api.segment(session.name()).replace("%2F", "/"), session);
        });
        api.get("/sessions").query("status", "repoName", "taskId", "limit", "offset")
                .choice("status", SessionStatus.class).summary("list sessions").answersPage(Session.class).to(ctx ->
                Api.page(ctx, api.store.listSessions(new SessionQuery(Params.choice(ctx, "status", SessionStatus.class),
                        Params.text(ctx, "repoName"), Params.text(ctx, "taskId"), Params.paging(ctx)))));
        api.post("/sessions/clean").summary("remove ended sessions older than an age")
                .body(CleanRequest.class).answers(200, SessionsCleaned.class).to(ctx -> clean(api, ctx));
        api.get("/sessions/<name>").summary("a session").answers(200, Session.class).to(ctx -> ctx.json(api.store.getSession(ctx.pathParam("name"))));
        api.post("/sessions/<name>/end").summary("end a session").answers(200, Session.class).to(ctx -> ctx.json(api.store.endSession(ctx.pathParam("name"))));
    }

    /** Body {@code {"olderThan": "30d", "dryRun": true}}: the names of the ended sessions removed (or that would be). */
    private static void clean(Api api, Context ctx) {
        JsonInput input = JsonInput.body("clean");
        ObjectNode body = JsonBody.object(ctx, input);
        input.require(body, "olderThan");
        CleanRequest request = input.convert(body, CleanRequest.class);
        Duration age = Retention.parseDuration("olderThan", request.olderThan());
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        List<String> names = api.store.cleanSessions(age, dryRun);
        ctx.json(new SessionsCleaned(request.olderThan(), dryRun, names));
    }
}
