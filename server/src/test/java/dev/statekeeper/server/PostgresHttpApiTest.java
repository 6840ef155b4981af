package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;

class PostgresHttpApiTest extends HttpApiContract {
    @Override
    protected StateStore openStore() {
        return Stores.postgres();
    }
}
