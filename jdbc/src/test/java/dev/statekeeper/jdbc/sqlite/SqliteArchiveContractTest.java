package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.contract.ArchiveContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

class SqliteArchiveContractTest extends ArchiveContract {
    @TempDir
    Path dir;

    @Override
    protected StateStore newStore(Settings settings, Clock clock) {
        return FreshSqliteStores.open(dir, settings, clock);
    }
}
