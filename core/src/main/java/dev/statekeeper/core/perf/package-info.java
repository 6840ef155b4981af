/**
 * The operation log: every {@link dev.statekeeper.core.api.StateStore} operation timed with its outcome, kept per
 * minute in the store (so p50/p95/p99 can be read over any window, merged across processes), and the operations
 * slower than STATEKEEPER_SLOW_OPERATION_MS recorded one by one. {@link dev.statekeeper.core.perf.OperationLog} reads
 * it; {@code statekeeper perf}, {@code GET /api/v1/perf} and the MCP tool {@code get_performance} show it.
 */
package dev.statekeeper.core.perf;
