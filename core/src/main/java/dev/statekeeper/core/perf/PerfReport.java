package dev.statekeeper.core.perf;

import dev.statekeeper.core.internal.json.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the operation log says over a window, in the one JSON shape {@code statekeeper perf --json},
 * {@code GET /api/v1/perf} and the MCP tool {@code get_performance} all answer with ({@link #toMap()}):
 *
 * <pre>{@code
 * {"since": "...", "until": "...", "operation": null, "scope": "store", "persistent": true, "problem": null,
 *  "slowThresholdMs": 1000,
 *  "operations": [{"operation": "getLoop", "count": 12, "errors": 1, "faults": 0, "avgMs": 0.8, "p50Ms": 0.6,
 *                  "p95Ms": 2.1, "p99Ms": 2.9, "maxMs": 3.0}],
 *  "slowest": [{"at": "...", "operation": "decide", "durationMs": 1210.5, "backend": "sqlite", "outcome": "ok",
 *               "attempts": 1, "poolWaitMs": 0.0, "instance": "host:4242", "requestId": "8f3a..."}]}
 * }</pre>
 * {@code perf slow} and {@code /api/v1/perf/slow} answer the same without {@code operations}. {@code scope} is
 * {@code store} when the log is kept in the store (every process that used it), {@code process} when only this
 * process's operations are counted. Times are in milliseconds, to the microsecond.
 *
 * @param since           the start of the window
 * @param until           when it was read
 * @param operation       the one operation asked for, or null
 * @param persistent      {@link OperationLog#persistent()}
 * @param problem         {@link OperationLog#problem()}
 * @param slowThresholdMs {@link OperationLog#slowThresholdMs()}
 * @param operations      each operation's figures, busiest first; null for the slow operations alone
 * @param slowest         the slowest operations, slowest first
 */
public record PerfReport(Instant since, Instant until, String operation, boolean persistent, String problem,
                         long slowThresholdMs, List<OperationStats> operations, List<SlowOperation> slowest) {
    public PerfReport {
        operations = operations == null ? null : List.copyOf(operations);
        slowest = List.copyOf(slowest);
    }

    /**
     * Reads each operation's figures and the slowest operations (of {@code query.operation()} when one is named,
     * among the {@link PerfQuery#MAX_LIMIT} slowest).
     *
     * @param log   the store's log
     * @param query the window, operation and limit
     * @param now   the end of the window
     * @return the report
     */
    public static PerfReport read(OperationLog log, PerfQuery query, Instant now) {
        List<OperationStats> stats = log.stats(query.since(), query.operation());
        return new PerfReport(query.since(), now, query.operation(), log.persistent(), log.problem(),
                log.slowThresholdMs(), stats, slowest(log, query));
    }

    /**
     * Reads the slowest operations alone.
     *
     * @param log   the store's log
     * @param query the window, operation and limit
     * @param now   the end of the window
     * @return the report, without {@link #operations()}
     */
    public static PerfReport readSlow(OperationLog log, PerfQuery query, Instant now) {
        return new PerfReport(query.since(), now, query.operation(), log.persistent(), log.problem(),
                log.slowThresholdMs(), null, slowest(log, query));
    }

    private static List<SlowOperation> slowest(OperationLog log, PerfQuery query) {
        if (query.operation() == null) {
            return log.slow(query.since(), query.limit());
        }
        return log.slow(query.since(), PerfQuery.MAX_LIMIT).stream()
                .filter(s -> s.operation().equals(query.operation())).limit(query.limit()).toList();
    }

    /**
     * {@code store} when the log is kept in the store, {@code process} when it counts this process alone.
     *
     * @return the scope
     */
    public String scope() {
        return persistent ? "store" : "process";
    }

    /**
     * The report as the JSON of the interfaces: keys in a stable order.
     *
     * @return a map of maps, lists, text, numbers and booleans
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("since", since.toString());
        map.put("until", until.toString());
        map.put("operation", operation);
        map.put("scope", scope());
        map.put("persistent", persistent);
        map.put("problem", problem);
        map.put("slowThresholdMs", slowThresholdMs);
        if (operations != null) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (OperationStats s : operations) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("operation", s.operation());
                row.put("count", s.count());
                row.put("errors", s.errors());
                row.put("faults", s.faults());
                row.put("avgMs", ms(s.avgMs()));
                row.put("p50Ms", ms(s.p50Ms()));
                row.put("p95Ms", ms(s.p95Ms()));
                row.put("p99Ms", ms(s.p99Ms()));
                row.put("maxMs", ms(s.maxMs()));
                rows.add(row);
            }
            map.put("operations", rows);
        }
        List<Map<String, Object>> slow = new ArrayList<>();
        for (SlowOperation s : slowest) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", s.at().toString());
            row.put("operation", s.operation());
            row.put("durationMs", ms(s.durationMs()));
            row.put("backend", s.backend());
            row.put("outcome", s.outcome());
            row.put("attempts", s.attempts());
            row.put("poolWaitMs", ms(s.poolWaitMs()));
            row.put("instance", s.instance());
            row.put("requestId", s.requestId());
            slow.add(row);
        }
        map.put("slowest", slow);
        return map;
    }

    /**
     * The report as indented JSON ({@link #toMap()}).
     *
     * @return the JSON text
     */
    public String toJson() {
        return Json.pretty(toMap());
    }

    /** Milliseconds to the microsecond. */
    static double ms(double value) {
        return Math.round(value * 1_000) / 1_000.0;
    }
}
