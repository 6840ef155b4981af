package dev.statekeeper.doctor.common;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.perf.OperationStats;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Severity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code slow-operations}: seed 003's "queries over 1000 ms in the last hour", read from the operation log rather
 * than from one slow call. P2 when an operation's p95 over the last hour is above STATEKEEPER_SLOW_OPERATION_MS; P1
 * when its median is (most calls are slow: severe degradation). Operations that ran fewer than
 * STATEKEEPER_DOCTOR_OPLOG_MIN_COUNT times are not judged: a p95 of five calls is one call.
 */
final class SlowOperationsCheck implements Check<Object> {
    @Override
    public String id() {
        return "slow-operations";
    }

    @Override
    public String title() {
        return "Store operations are fast (p95 over the last hour)";
    }

    @Override
    public boolean cheap() {
        return false;
    }

    @Override
    public boolean needsConnection() {
        return false;
    }

    @Override
    public boolean readsOperationLog() {
        return true;
    }

    @Override
    public CheckResult run(Object handle, CheckContext context) {
        CheckResult.Builder result = CheckResult.of(this);
        OperationLogWindow window = OperationLogWindow.lastHour(context);
        if (window.skipReason() != null) {
            return result.skipped(window.skipReason());
        }
        long thresholdMs = context.integer(Setting.SLOW_OPERATION_MS);
        int minCount = context.integer(Setting.DOCTOR_OPLOG_MIN_COUNT);
        result.threshold("p95 over the last hour at most " + thresholdMs + " ms (" + context.named(
                        Setting.SLOW_OPERATION_MS) + "), for operations that ran at least " + minCount + " times ("
                        + context.named(Setting.DOCTOR_OPLOG_MIN_COUNT) + ")")
                .runbook("'statekeeper perf slow --since 1h' lists the slow calls with their attempts and pool wait: "
                        + "long pool waits point at pool exhaustion (the pool-usage check), retries at a busy or "
                        + "flapping database; on PostgreSQL 'statekeeper perf --sql' shows the statements and "
                        + "'statekeeper perf explain OPERATION' its plan (a sequential scan on a large table wants an "
                        + "index or ANALYZE); on SQLite a long writer elsewhere holds the lock");
        Map<String, Object> slow = new LinkedHashMap<>();
        Severity worst = null;
        long judged = 0;
        for (OperationStats stats : window.stats()) {
            if (stats.count() < minCount) {
                continue;
            }
            judged++;
            if (stats.p95Ms() > thresholdMs) {
                slow.put(stats.operation(), Map.of("count", stats.count(), "p50Ms", round(stats.p50Ms()),
                        "p95Ms", round(stats.p95Ms()), "maxMs", round(stats.maxMs())));
                Severity severity = stats.p50Ms() > thresholdMs ? Severity.P1 : Severity.P2;
                worst = worst == null || severity.compareTo(worst) < 0 ? severity : worst;
            }
        }
        result.evidence("operationsJudged", judged).evidence("slow", slow);
        window.describe(result);
        if (worst == null) {
            return result.ok(judged == 0 ? "no operation ran " + minCount + " times in the last hour"
                    : "every operation's p95 over the last hour is at most " + thresholdMs + " ms");
        }
        return result.finding(worst, slow.size() + " operation(s) with a p95 over " + thresholdMs + " ms in the last "
                + "hour: " + String.join(", ", slow.keySet()));
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }
}
