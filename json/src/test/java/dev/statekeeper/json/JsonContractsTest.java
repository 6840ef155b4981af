package dev.statekeeper.json;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.contract.ArchiveContract;
import dev.statekeeper.testkit.contract.ConcurrencyContract;
import dev.statekeeper.testkit.contract.DocumentContract;
import dev.statekeeper.testkit.contract.FeedbackContract;
import dev.statekeeper.testkit.contract.LifecycleContract;
import dev.statekeeper.testkit.contract.LoopCleanContract;
import dev.statekeeper.testkit.contract.LoopContract;
import dev.statekeeper.testkit.contract.SessionContract;
import dev.statekeeper.testkit.contract.SpecContract;
import dev.statekeeper.testkit.contract.EventContract;
import dev.statekeeper.testkit.contract.StoreContracts;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The contract suite on json files: each store in a new data directory under the test's own temporary
 * directory, and after each test every store still open reads back from its file exactly what it holds.
 */
class JsonContractsTest extends StoreContracts {
    @TempDir
    Path dir;

    private final FreshJsonStores stores = new FreshJsonStores();

    @Override
    protected StateStore newStore(Settings settings, Clock clock) {
        return stores.open(dir, settings, clock);
    }

    @Override
    protected void afterTest() {
        stores.assertFilesHoldEverything();
    }

    @Nested
    class Archive extends ArchiveContract {}

    @Nested
    class Concurrency extends ConcurrencyContract {}

    @Nested
    class Document extends DocumentContract {}

    @Nested
    class Events extends EventContract {}

    @Nested
    class Feedback extends FeedbackContract {}

    @Nested
    class Lifecycle extends LifecycleContract {}

    @Nested
    class LoopClean extends LoopCleanContract {}

    @Nested
    class Loop extends LoopContract {}

    @Nested
    class Session extends SessionContract {}

    @Nested
    class Spec extends SpecContract {}
}
