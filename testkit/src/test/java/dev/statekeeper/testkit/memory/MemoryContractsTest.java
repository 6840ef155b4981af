package dev.statekeeper.testkit.memory;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.internal.memory.MemoryStateStore;
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
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract suite on the in-memory store. */
class MemoryContractsTest extends StoreContracts {
    @Override
    protected StateStore newStore(Settings settings, Clock clock) {
        return new MemoryStateStore(settings, clock);
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
    class Lifecycle extends LifecycleContract {
        @Test
        void aMemoryStoreTakesNoRoomOnDisk() {
            assertThat(store.info().sizes()).isEmpty();
        }
    }

    @Nested
    class LoopClean extends LoopCleanContract {}

    @Nested
    class Loop extends LoopContract {}

    @Nested
    class Session extends SessionContract {}

    @Nested
    class Spec extends SpecContract {}
}
