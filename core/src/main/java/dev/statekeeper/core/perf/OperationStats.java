package dev.statekeeper.core.perf;

/**
 * One operation's figures over a window, merged from every process that wrote to the store. Times are in
 * milliseconds; the percentiles are within 1 % of the exact value of that rank (the log's sketch), avg and max are
 * exact.
 *
 * @param operation the {@link dev.statekeeper.core.api.StateStore} method: {@code getLoop}, {@code addFeedback}
 * @param count     how many ran
 * @param errors    how many failed, whatever the error (a missing loop counts)
 * @param faults    how many of those failed on the store's side (an error code whose HTTP status is 5xx: busy,
 *                  unavailable, disk full, internal), the ones the doctor's error-rate weighs
 * @param avgMs     mean duration
 * @param p50Ms     median
 * @param p95Ms     95th percentile
 * @param p99Ms     99th percentile
 * @param maxMs     longest
 */
public record OperationStats(String operation, long count, long errors, long faults, double avgMs, double p50Ms,
                             double p95Ms, double p99Ms, double maxMs) {
}
