package dev.statekeeper.testkit.postgres;

import dev.statekeeper.core.api.PoolStats;
import dev.statekeeper.core.api.StateStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A PostgreSQL store's pool made busy for real, as a slow or stuck database makes it: another session (not the
 * store's) locks the store's {@code loop_states} in an open transaction, and {@code callers} threads read the active
 * loops through the store, each holding a connection of its pool while it waits for the lock; callers beyond the
 * pool's maximum wait for a connection. {@link #hold} returns once the pool's counts show it (bounded, by asking the
 * pool, never sleeping); {@link #close} rolls the lock back, lets every call end and fails if one failed.
 * <pre>{@code
 * try (HeldPool held = HeldPool.hold(store, server.connect(database), 3)) {   // a pool of 2: 2 active, 1 waiting
 *     ...
 * }
 * }</pre>
 */
public final class HeldPool implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Connection locker;
    private final List<Thread> callers = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private PoolStats filled;

    private HeldPool(Connection locker) {
        this.locker = locker;
    }

    /**
     * Locks the store's table on {@code locker} (a connection of the test's own, which this then owns and closes)
     * and starts {@code callers} reads through the store.
     *
     * @throws AssertionError when the pool's counts do not show them within a minute
     */
    public static HeldPool hold(StateStore store, Connection locker, int callers) throws SQLException {
        PoolStats before = store.poolStats().orElseThrow(() -> new AssertionError("the store reports no pool"));
        HeldPool held = new HeldPool(locker);
        try {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("LOCK TABLE loop_states IN ACCESS EXCLUSIVE MODE");
            }
            for (int i = 0; i < callers; i++) {
                held.callers.add(Thread.ofPlatform().daemon().name("held-pool-" + i).start(() -> {
                    try {
                        store.activeLoops();
                    } catch (RuntimeException | Error e) {
                        held.failures.add(e);
                    }
                }));
            }
            int active = Math.min(callers, before.max());
            int waiting = Math.max(0, callers - before.max());
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            Optional<PoolStats> now = store.poolStats();
            while (!now.map(p -> p.active() == active && p.waiting() == waiting).orElse(false)) {
                if (System.nanoTime() > deadline || !held.failures.isEmpty()) {
                    throw new AssertionError("the pool did not fill to " + active + " active and " + waiting
                            + " waiting: " + now + ", failures " + held.failures);
                }
                Thread.onSpinWait();
                now = store.poolStats();
            }
            held.filled = now.orElseThrow();
            return held;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                held.close();
            } catch (SQLException | RuntimeException | Error closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The pool's counts when {@link #hold} saw it filled: {@code callers} active up to its maximum, the rest waiting. */
    public PoolStats filled() {
        return filled;
    }

    /** Rolls the lock back and waits for every caller to end; AssertionError with the first failure of one. */
    @Override
    public void close() throws SQLException {
        try {
            locker.rollback();
        } finally {
            locker.close();
        }
        for (Thread caller : callers) {
            try {
                if (!caller.join(PATIENCE)) {
                    throw new AssertionError(caller.getName() + " did not end after the lock was released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + caller.getName(), e);
            }
        }
        Throwable failure = failures.peek();
        if (failure != null) {
            throw new AssertionError("a caller holding the pool failed: " + failure, failure);
        }
    }
}
