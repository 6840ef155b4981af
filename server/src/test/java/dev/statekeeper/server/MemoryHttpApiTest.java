package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;

/** The HTTP contract on the memory backend, which keeps the change history and the Idempotency-Keys. */
class MemoryHttpApiTest extends HttpApiContract {
    @Override
    protected StateStore openStore() {
        return Stores.memory();
    }
}
