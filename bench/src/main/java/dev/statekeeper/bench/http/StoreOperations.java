package dev.statekeeper.bench.http;

import dev.statekeeper.core.api.StateStore;

/** The same operations through the Java API: the StateStore called in the client thread, on the same store. */
final class StoreOperations {
    private final StateStore store;
    private final Workload workload;

    StoreOperations(StateStore store, Workload workload) {
        this.store = store;
        this.workload = workload;
    }

    Operation of(Op op) {
        return switch (op) {
            case GET_LOOP -> () -> check(store.getLoop(workload.randomLoop()).id());
            case ADD_FEEDBACK -> () -> check(store.addFeedback(workload.randomLoop(),
                    Workload.feedback(Workload.randomScore())).id());
        };
    }

    /** Uses the result, as the HTTP client reads the body. */
    private static void check(String id) {
        if (id == null) {
            throw new IllegalStateException("the store returned a record without an id");
        }
    }
}
