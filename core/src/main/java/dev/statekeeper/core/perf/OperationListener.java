package dev.statekeeper.core.perf;

/**
 * Told of every operation as it ends, on the caller's thread: {@code statekeeper serve} feeds its
 * {@code statekeeper_store_operations_seconds} histogram from one. It must be quick and must not throw; one that
 * throws is ignored.
 */
@FunctionalInterface
public interface OperationListener {
    /**
     * @param operation the {@link dev.statekeeper.core.api.StateStore} method
     * @param outcome   {@code ok} or the wire form of the error code
     * @param nanos     how long it took
     */
    void ended(String operation, String outcome, long nanos);
}
