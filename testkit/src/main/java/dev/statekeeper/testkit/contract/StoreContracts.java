package dev.statekeeper.testkit.contract;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Settings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract suite on one backend. A backend's test tree has one runner that extends this class, opens a
 * fresh, empty, isolated store in {@link #newStore}, and declares one {@code @Nested} class per contract,
 * named after it:
 *
 * <pre>
 * class SqliteContractsTest extends StoreContracts {
 *     protected StateStore newStore(Settings settings, Clock clock) { ... }
 *
 *     &#64;Nested class Archive extends ArchiveContract {}
 *     ...
 * }
 * </pre>
 *
 * The nested classes are declared in each runner, not inherited from here, so that reports name the backend
 * with the contract ({@code SqliteContractsTest$Archive}, where an inherited one would be
 * {@code StoreContracts$Archive} on every backend). A new contract is an abstract subclass of
 * {@link ContractBase} in this package plus one line in each runner: {@link #runsEveryContract} fails every
 * runner that lacks the line.
 *
 * <p>JUnit makes a new runner instance for each test (the default per-method lifecycle), as it does a new
 * instance of the nested contract, so a runner's instance fields (a {@code @TempDir}, the stores it opened)
 * belong to one test; contracts running at the same time share only the runner's static state.
 */
public abstract class StoreContracts {

    /** A new empty store of the backend under test, with these settings and this clock. */
    protected abstract StateStore newStore(Settings settings, Clock clock);

    /**
     * Checks of the backend's own, made after each contract test while every store the test opened is still
     * open (they are closed after them); none by default.
     */
    protected void afterTest() {
    }

    /** The runner has one {@code @Nested} class per contract (other nested classes of its own are its business). */
    @Test
    void runsEveryContract() {
        List<Class<?>> nested = Arrays.stream(getClass().getDeclaredClasses())
                .filter(c -> c.isAnnotationPresent(Nested.class) && ContractBase.class.isAssignableFrom(c))
                .<Class<?>>map(Class::getSuperclass)
                .toList();

        assertThat(nested).as("the contracts %s runs as @Nested classes", getClass().getSimpleName())
                .containsExactlyInAnyOrderElementsOf(contracts());
    }

    /** Every contract class: the abstract subclasses of {@link ContractBase} in this package. */
    static List<Class<?>> contracts() {
        return ReflectionSupport.findAllClassesInPackage(ContractBase.class.getPackageName(),
                c -> c != ContractBase.class && ContractBase.class.isAssignableFrom(c)
                        && Modifier.isAbstract(c.getModifiers()),
                name -> true);
    }
}
