package dev.statekeeper.server;

import dev.statekeeper.core.perf.PerfQuery;
import dev.statekeeper.core.perf.PerfReport;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET /api/v1/perf?since=1h&operation=NAME&limit=N}: the operation log's figures per operation and the slowest
 * operations, the JSON of {@code statekeeper perf --json} ({@link PerfReport#toMap()}); {@code GET
 * /api/v1/perf/slow?since=1h&limit=N}: the slowest operations alone, as {@code perf slow --json}. Read-only, behind
 * the token as every API route. A bad parameter is a 400 {@code usage} error naming it ({@link PerfQuery}).
 */
final class PerfRoutes {
    private PerfRoutes() {
    }

    static void register(Api api, Clock clock) {
        api.get("/perf").query("since", "operation", "limit")
                .summary("each operation's latency and errors (as perf --json)").answers(200, Object.class).to(ctx -> report(ctx, api, clock));
        api.get("/perf/slow").query("since", "limit").summary("the slowest operations")
                .answers(200, Object.class).to(ctx -> slow(ctx, api, clock));
    }

    private static void report(Context ctx, Api api, Clock clock) {
        Instant now = clock.instant();
        PerfQuery query = new PerfQuery(PerfQuery.since("since", ctx.queryParam("since"), now),
                PerfQuery.operation("operation", ctx.queryParam("operation")),
                PerfQuery.limit("limit", ctx.queryParam("limit"), PerfQuery.DEFAULT_LIMIT));
        ctx.json(PerfReport.read(api.store.operationLog(), query, now).toMap());
    }

    private static void slow(Context ctx, Api api, Clock clock) {
        Instant now = clock.instant();
        PerfQuery query = new PerfQuery(PerfQuery.since("since", ctx.queryParam("since"), now), null,
                PerfQuery.limit("limit", ctx.queryParam("limit"), PerfQuery.DEFAULT_SLOW_LIMIT));
        ctx.json(PerfReport.readSlow(api.store.operationLog(), query, now).toMap());
    }
}
