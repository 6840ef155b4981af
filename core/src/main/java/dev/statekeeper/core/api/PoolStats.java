package dev.statekeeper.core.api;

/**
 * A connection pool at one moment: connections in use, idle, callers waiting for one, and the most the pool
 * may open. What {@code /health/ready}, the metrics and {@code db status} show for backends that pool.
 *
 * @param active  connections lent out now
 * @param idle    open connections waiting in the pool
 * @param waiting callers waiting for a connection
 * @param max     the most connections the pool opens
 */
public record PoolStats(int active, int idle, int waiting, int max) {
    /**
     * Checks the counts.
     *
     * @throws IllegalArgumentException for a negative count or a maximum below 1
     */
    public PoolStats {
        if (active < 0 || idle < 0 || waiting < 0 || max < 1) {
            throw new IllegalArgumentException("pool counts must not be negative and max at least 1: active=" + active
                    + ", idle=" + idle + ", waiting=" + waiting + ", max=" + max);
        }
    }
}
