package dev.statekeeper.core.archive;

import java.util.function.Consumer;

/**
 * Writes records into a store as {@link Archive#loader} describes: {@link #accept} takes the records one by one, in
 * {@link RecordKind} order; {@link #finish()} writes what is still pending. One loader serves one load; it is not
 * thread-safe.
 */
public interface ArchiveLoader extends Consumer<ArchiveRecord> {

    /**
     * Writes the records not written yet and completes the load: the active-loop history then keeps the newest
     * STATEKEEPER_LOOP_HISTORY_SIZE entries.
     *
     * @throws dev.statekeeper.core.error.StatekeeperException what the store refuses, e.g.
     *         {@link dev.statekeeper.core.error.ErrorCode#DUPLICATE} for a key it has already (merging)
     */
    void finish();
}
