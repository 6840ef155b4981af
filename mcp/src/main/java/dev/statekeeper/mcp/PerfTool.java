package dev.statekeeper.mcp;

import dev.statekeeper.core.perf.PerfQuery;
import dev.statekeeper.core.perf.PerfReport;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * {@code get_performance}: the operation log's figures per operation and the slowest operations, the JSON of
 * {@code statekeeper perf --json} and {@code GET /api/v1/perf} ({@link PerfReport#toMap()}), read-only. Bad
 * arguments are a tool error with the USAGE message of {@link PerfQuery}.
 */
final class PerfTool {
    static final String NAME = "get_performance";

    private PerfTool() {
    }

    record GetPerformance(
            @Arg("the start of the window: a duration back from now (90s, 15m, 1h, 7d; at most 365d) or an ISO-8601 "
                    + "instant (default 1h)") String since,
            @Arg("only this store operation, a StateStore method: getLoop, addFeedback, decide, ping... (default: all)")
            String operation,
            @Arg(value = "list at most this many of the slowest operations (default 10)", min = 1, max = PerfQuery.MAX_LIMIT)
            Long limit) {
    }

    static ToolDef<GetPerformance> definition(Clock clock) {
        return ToolDef.reads(NAME, GetPerformance.class, ToolDef.type(Map.class), "What the store's operations cost over a window: per "
                + "operation the count, errors (any failure), faults (failures on the store's side), avg, p50, p95, "
                + "p99 and max in milliseconds (percentiles within 1 %), busiest first, then the slowest recorded "
                + "operations (those over STATEKEEPER_SLOW_OPERATION_MS) with their request ids. scope 'process' "
                + "means the log counts this server's process only.", (store, args) -> {
                    Instant now = clock.instant();
                    PerfQuery query = new PerfQuery(PerfQuery.since("since", args.since(), now),
                            PerfQuery.operation("operation", args.operation()),
                            PerfQuery.limit("limit", args.limit(), PerfQuery.DEFAULT_LIMIT));
                    return PerfReport.read(store.operationLog(), query, now).toMap();
                });
    }
}
