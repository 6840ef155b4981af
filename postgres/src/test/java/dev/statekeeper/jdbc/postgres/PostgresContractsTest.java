package dev.statekeeper.jdbc.postgres;

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

import java.time.Clock;

/**
 * The contract suite on PostgreSQL: each store on a new database of the JVM's one embedded server, a copy of a
 * template migrated once.
 */
class PostgresContractsTest extends StoreContracts {
    @Override
    protected StateStore newStore(Settings settings, Clock clock) {
        return FreshPostgresStores.open(settings, clock);
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
