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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The base of every contract class. A contract runs on a backend as a {@code @Nested} class of the backend's
 * {@link StoreContracts} runner, which opens the stores; each test gets a new runner instance with its own.
 *
 * <p>Contract classes run concurrently, as the build runs top-level test classes (JUnit would otherwise run a
 * nested class in its enclosing class's thread), and so do their tests, which share nothing: each has its own
 * contract instance, runner instance and stores.
 */
@ExtendWith(ContractBase.EnclosingRunner.class)
@Execution(ExecutionMode.CONCURRENT)
public abstract class ContractBase {
    protected final TestClock clock = new TestClock();
    protected StateStore store;
    private StoreContracts backend;
    private final List<StateStore> opened = new ArrayList<>();

    /** Settings the default store of each test opens with; contracts override single values. */
    protected Settings settings() {
        return Settings.builder().set(Setting.LOOP_HISTORY_SIZE, "3").build();
    }

    @BeforeEach
    void openStore(StoreContracts runner) {
        backend = runner;
        store = open(settings());
    }

    /** The backend's own checks come first, while the stores are open; the stores are closed even if they fail. */
    @AfterEach
    void closeStores() {
        try {
            if (backend != null) {
                backend.afterTest();
            }
        } finally {
            opened.forEach(StateStore::close);
        }
    }

    /** Opens another fresh store (closed after the test). */
    protected StateStore open(Settings settings) {
        StateStore s = backend.newStore(settings, clock);
        opened.add(s);
        return s;
    }

    /** The call fails with the code, whatever its message (which the contract of the operation itself tests). */
    protected static StatekeeperException refused(ErrorCode code, ThrowableAssert.ThrowingCallable call) {
        List<StatekeeperException> caught = new ArrayList<>();
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(StatekeeperException.class, e -> caught.add(e))
                .extracting(e -> ((StatekeeperException) e).code())
                .isEqualTo(code);
        return caught.getFirst();
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

    /** Gives a contract's test the runner instance that JUnit made for it, the one its class is nested in. */
    static final class EnclosingRunner implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == StoreContracts.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRequiredTestInstances().findInstance(StoreContracts.class).orElseThrow(
                    () -> new ParameterResolutionException(context.getRequiredTestClass().getName()
                            + " is not nested in a StoreContracts runner: declare it as a @Nested class of one"));
        }
    }
}
