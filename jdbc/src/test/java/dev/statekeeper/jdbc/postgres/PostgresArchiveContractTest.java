package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.contract.ArchiveContract;

import java.time.Clock;

class PostgresArchiveContractTest extends ArchiveContract {
    @Override
    protected StateStore newStore(Settings settings, Clock clock) {
        return FreshPostgresStores.open(settings, clock);
    }
}
