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
 * {@code error-rate}: the share of an operation's calls in the last hour that failed on the store's side (error codes
 * with a 5xx status: busy, unavailable, disk full, closed, internal). A missing loop, a stale version or invalid input
 * is the caller's error and says nothing about the store's health, so it is shown as evidence but not weighed (a
 * plain error ratio would page someone for an agent that polls a deleted loop). P2 above
 * STATEKEEPER_DOCTOR_ERROR_RATE_PERCENT (5), P1 above STATEKEEPER_DOCTOR_ERROR_RATE_CRITICAL_PERCENT (25).
 */
final class ErrorRateCheck implements Check<Object> {
    @Override
    public String id() {
        return "error-rate";
    }

    @Override
    public String title() {
        return "Store operations do not fail on the store's side";
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
        int warn = context.integer(Setting.DOCTOR_ERROR_RATE_PERCENT);
        int critical = context.integer(Setting.DOCTOR_ERROR_RATE_CRITICAL_PERCENT);
        int minCount = context.integer(Setting.DOCTOR_OPLOG_MIN_COUNT);
        result.threshold("at most " + warn + " % of an operation's calls in the last hour fail on the store's side ("
                        + context.named(Setting.DOCTOR_ERROR_RATE_PERCENT) + "; P1 above " + critical + " %, "
                        + context.named(Setting.DOCTOR_ERROR_RATE_CRITICAL_PERCENT) + "), for operations that ran at "
                        + "least " + minCount + " times")
                .runbook("'statekeeper perf slow --since 1h' and the server log name the error codes: "
                        + "backend-unavailable means the database is down or unreachable (the connection check), "
                        + "database-busy a writer holding the SQLite lock or lock waits on PostgreSQL (the "
                        + "blocked-queries check), disk-full the disk-space check; fix the cause, then watch the rate "
                        + "fall in 'statekeeper perf'");
        Map<String, Object> failing = new LinkedHashMap<>();
        Severity worst = null;
        long calls = 0;
        long errors = 0;
        long faults = 0;
        for (OperationStats stats : window.stats()) {
            calls += stats.count();
            errors += stats.errors();
            faults += stats.faults();
            if (stats.count() < minCount) {
                continue;
            }
            double percent = 100.0 * stats.faults() / stats.count();
            Severity severity = percent > critical ? Severity.P1 : percent > warn ? Severity.P2 : null;
            if (severity != null) {
                failing.put(stats.operation(), Map.of("count", stats.count(), "faults", stats.faults(),
                        "percent", Math.round(percent * 10) / 10.0));
                worst = worst == null || severity.compareTo(worst) < 0 ? severity : worst;
            }
        }
        result.evidence("calls", calls).evidence("errors", errors).evidence("faults", faults)
                .evidence("failing", failing);
        window.describe(result);
        if (worst == null) {
            return result.ok(calls == 0 ? "no operations in the last hour"
                    : faults + " of " + calls + " calls in the last hour failed on the store's side ("
                    + (errors - faults) + " more were the callers' errors)");
        }
        return result.finding(worst, failing.size() + " operation(s) failing on the store's side above " + warn
                + " % in the last hour: " + String.join(", ", failing.keySet()));
    }
}
