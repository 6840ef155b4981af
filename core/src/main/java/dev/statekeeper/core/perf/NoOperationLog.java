package dev.statekeeper.core.perf;

import java.time.Instant;
import java.util.List;

/** The log of a store that is not timed. */
enum NoOperationLog implements OperationLog {
    INSTANCE;

    @Override
    public List<OperationStats> stats(Instant since, String operation) {
        return List.of();
    }

    @Override
    public List<SlowOperation> slow(Instant since, int limit) {
        return List.of();
    }

    @Override
    public void flush() {
        // nothing recorded
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public String problem() {
        return "this store was not opened through StateStores.open, which times its operations";
    }

    @Override
    public void addListener(OperationListener listener) {
        // nothing to tell
    }

    @Override
    public void removeListener(OperationListener listener) {
        // nothing was added
    }

    @Override
    public long slowThresholdMs() {
        return 0;
    }
}
