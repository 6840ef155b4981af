package dev.statekeeper.server;

import dev.statekeeper.core.internal.json.JsonProblem;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /problems}: every problem type the API answers with; {@code GET /problems/CODE}: one, so the {@code type}
 * of an error resolves to its cause and fix. Served without the token, like {@code /health}: they describe the
 * server's code, not its data. The Accept header is not consulted (the answer is JSON whatever it asks, as RFC 9110
 * allows).
 */
final class ProblemRoutes {
    private ProblemRoutes() {
    }

    static void register(RoutesConfig routes) {
        Handler list = ctx -> {
            Params.only(ctx, Set.of());
            ctx.json(Map.of("items", ProblemType.list().stream().map(ProblemRoutes::describe).toList()));
        };
        Handler one = ctx -> {
            Params.only(ctx, Set.of());
            String code = ctx.pathParam("code");
            ProblemType type = ProblemType.of(code);
            if (type == null) {
                throw new HttpFailure(404, "problem-type-not-found", "no problem type has the code "
                        + JsonProblem.quote(code) + " (GET " + ProblemType.PATH + " lists them)");
            }
            ctx.json(describe(type));
        };
        for (Map.Entry<String, Handler> route : List.of(Map.entry(ProblemType.PATH, list),
                Map.entry(ProblemType.PATH + "/{code}", one))) {
            routes.get(route.getKey(), route.getValue());
            routes.head(route.getKey(), route.getValue());
        }
    }

    /** A type as {@code /problems} shows it. */
    static Map<String, Object> describe(ProblemType type) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("code", type.code());
        body.put("status", type.status());
        body.put("title", type.title());
        body.put("fix", type.fix());
        return body;
    }
}
