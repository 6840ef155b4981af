package dev.statekeeper.testkit.contract;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.TestClock;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The base of every contract class. A backend runs the suite by subclassing each contract once and
 * opening a fresh, empty, isolated store in {@link #newStore}.
 */
public abstract class ContractBase {
    protected final TestClock clock = new TestClock();
    protected StateStore store;
    private final List<StateStore> opened = new ArrayList<>();

    /** A new empty store of the backend under test, with these settings and this clock. */
    protected abstract StateStore newStore(Settings settings, java.time.Clock clock);

    /** Settings the default store of each test opens with; contracts override single values. */
    protected Settings settings() {
        return Settings.builder().set(Setting.LOOP_HISTORY_SIZE, "3").build();
    }

    @BeforeEach
    void openStore() {
        store = open(settings());
    }

    @AfterEach
    void closeStores() {
        opened.forEach(StateStore::close);
    }

    /** Opens another fresh store (closed after the test). */
    protected StateStore open(Settings settings) {
        StateStore s = newStore(settings, clock);
        opened.add(s);
        return s;
    }

    protected static StatekeeperException failure(ErrorCode code, String message, ThrowableAssert.ThrowingCallable call) {
        List<StatekeeperException> caught = new ArrayList<>();
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(StatekeeperException.class, e -> caught.add(e))
                .hasMessage(message)
                .extracting(e -> ((StatekeeperException) e).code())
                .isEqualTo(code);
        return caught.getFirst();
    }
}
