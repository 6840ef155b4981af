package dev.statekeeper.json;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.contract.LoopCleanContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

class JsonLoopCleanContractTest extends LoopCleanContract {
    @TempDir
    Path dir;

    private final FreshJsonStores stores = new FreshJsonStores();

    @Override
    protected StateStore newStore(Settings settings, Clock clock) {
        return stores.open(dir, settings, clock);
    }

    @AfterEach
    void filesHoldEverything() {
        stores.assertFilesHoldEverything();
    }
}
