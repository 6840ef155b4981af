package dev.statekeeper.core.perf;

import java.time.Instant;
import java.util.List;

/**
 * The operation log of a store opened with {@link dev.statekeeper.core.api.StateStores#open}: what ran, how long it
 * took, what failed, what was slow. Each process keeps the current minute in memory and writes it to the store in the
 * background (a table on SQLite and PostgreSQL, a side file next to a json store; a memory store keeps nothing), so
 * reads merge every process that used the store. A process that dies loses at most its unwritten minute.
 *
 * <p>Thread-safe. Reading never fails the caller's work: a log the store cannot read answers with what this process
 * holds and says so in {@link #problem()}.
 */
public interface OperationLog {
    /**
     * Each operation's figures since a time, merged across processes (this one's unwritten part included), busiest
     * first.
     *
     * @param since     the start of the window (minute resolution: the minute it falls in counts whole)
     * @param operation one operation, or null for all
     * @return the figures, one per operation that ran
     */
    List<OperationStats> stats(Instant since, String operation);

    /**
     * The slowest recorded operations since a time, slowest first.
     *
     * @param since the start of the window
     * @param limit at most this many
     * @return the records
     */
    List<SlowOperation> slow(Instant since, int limit);

    /**
     * Writes what this process has recorded and not yet written. The log does this every minute and on close;
     * call it before reading from another process.
     */
    void flush();

    /**
     * Whether the log outlives the process: false on the memory backend and with STATEKEEPER_OPLOG=false.
     *
     * @return whether records are written to the store
     */
    boolean persistent();

    /**
     * Why the last write or read of the stored log failed, or null when it worked. The log keeps what it could not
     * write (up to an hour) and tries again.
     *
     * @return the problem, or null
     */
    String problem();

    /**
     * Adds a listener told of every operation as it ends.
     *
     * @param listener the listener
     */
    void addListener(OperationListener listener);

    /**
     * Removes a listener {@link #addListener added} before; one not added is ignored.
     *
     * @param listener the listener
     */
    void removeListener(OperationListener listener);

    /**
     * The operations slower than this are recorded one by one (STATEKEEPER_SLOW_OPERATION_MS).
     *
     * @return the threshold in milliseconds
     */
    long slowThresholdMs();

    /**
     * A log that records nothing: the one a store not opened through {@link dev.statekeeper.core.api.StateStores}
     * has.
     *
     * @return an empty log
     */
    static OperationLog none() {
        return NoOperationLog.INSTANCE;
    }
}
