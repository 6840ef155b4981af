package dev.statekeeper.jdbc.sqlite;

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

/** The contract suite on SQLite: each store on a new file in the test's own temporary directory. */
class SqliteContractsTest extends StoreContracts {
    @TempDir
    Path dir;

    @Override
    protected StateStore newStore(Settings settings, Clock clock) {
        return FreshSqliteStores.open(dir, settings, clock);
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
