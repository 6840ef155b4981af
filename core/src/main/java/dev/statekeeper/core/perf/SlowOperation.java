package dev.statekeeper.core.perf;

import java.time.Instant;

/**
 * One operation that took longer than STATEKEEPER_SLOW_OPERATION_MS. It names the operation and how it went, never
 * the documents it carried or a secret.
 *
 * @param at         when it ended
 * @param operation  the {@link dev.statekeeper.core.api.StateStore} method
 * @param durationMs how long it took, in milliseconds
 * @param backend    the backend: {@code sqlite}, {@code postgres}, {@code json}, {@code memory}
 * @param outcome    {@code ok}, or the error code it failed with ({@code database-busy})
 * @param attempts   how many times the backend ran it (more than 1 when it retried a transient failure)
 * @param poolWaitMs how long it waited for a database connection, in milliseconds (0 without a pool)
 * @param instance   the process that ran it: {@code host:pid}
 * @param requestId  the HTTP request id or MCP request that asked for it, or null
 */
public record SlowOperation(Instant at, String operation, double durationMs, String backend, String outcome,
                            int attempts, double poolWaitMs, String instance, String requestId) {
}
