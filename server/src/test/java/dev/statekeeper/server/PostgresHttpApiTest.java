package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;

class PostgresHttpApiTest extends HttpApiContract {
    @Override
    protected StateStore openStore() {
        return Stores.postgres();
    }

    /** Not until the backend's step of issue 16 (the change history) lands. */
    @Override
    protected boolean keepsRequestKeys() {
        return false;
    }
}
