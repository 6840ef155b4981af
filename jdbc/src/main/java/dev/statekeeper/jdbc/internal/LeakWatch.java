package dev.statekeeper.jdbc.internal;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The leak detection of a {@link StorePool}: a thread that holds a connection of the pool longer than the threshold
 * is reported once at WARN, with its name and its stack as it is then (the frames that took the connection and are
 * still using it), and at INFO when it gives the connection back. It replaces HikariCP's own, which costs every
 * borrow an exception's filled-in stack and a task scheduled and then cancelled on the pool's one housekeeping
 * executor, whose lock all borrowers share: with 8 threads reading, that lock was where reads stalled. Here a
 * borrow and a return cost the borrowing thread a thread-local counter and a clock read; a background thread
 * looks at the holders every quarter of the threshold, so a report comes 1 to 1.25 thresholds after the borrow.
 *
 * <p>It hears of borrows and returns as the pool's metrics tracker: HikariCP calls it on the thread that borrows
 * and on the thread that gives the connection back. A thread that borrows again before it gave back counts as
 * holding since its first borrow.
 */
final class LeakWatch implements MetricsTrackerFactory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeakWatch.class);

    private final String poolName;
    private final long thresholdNanos;
    private final LongSupplier nanoTime;
    private final Set<Holder> holders = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Holder> current = ThreadLocal.withInitial(this::register);
    private final ScheduledExecutorService sweeper;

    private LeakWatch(String poolName, long thresholdMillis, LongSupplier nanoTime,
                      ScheduledExecutorService sweeper) {
        this.poolName = poolName;
        this.thresholdNanos = TimeUnit.MILLISECONDS.toNanos(thresholdMillis);
        this.nanoTime = nanoTime;
        this.sweeper = sweeper;
    }

    /** Watches the connections of the pool {@code poolName}, looking at them from a daemon thread of its own. */
    static LeakWatch start(String poolName, long thresholdMillis) {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, poolName + " leak watch");
            thread.setDaemon(true);
            return thread;
        });
        LeakWatch watch = new LeakWatch(poolName, thresholdMillis, System::nanoTime, sweeper);
        long period = Math.max(1, thresholdMillis / 4);
        sweeper.scheduleWithFixedDelay(watch::sweep, period, period, TimeUnit.MILLISECONDS);
        return watch;
    }

    /** A watch that looks only when {@link #sweep} is called, on the given clock: for tests. */
    static LeakWatch manual(String poolName, long thresholdMillis, LongSupplier nanoTime) {
        return new LeakWatch(poolName, thresholdMillis, nanoTime, null);
    }

    @Override
    public IMetricsTracker create(String pool, PoolStats stats) {
        return new IMetricsTracker() {
            @Override
            public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
                borrowed();
            }

            @Override
            public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
                returned();
            }
        };
    }

    /** The calling thread took a connection. */
    void borrowed() {
        Holder holder = current.get();
        if (holder.depth++ == 0) {
            holder.since = nanoTime.getAsLong();
            holder.holding = true;
        }
    }

    /** The calling thread gave a connection back. */
    void returned() {
        Holder holder = current.get();
        if (holder.depth > 0 && --holder.depth == 0) {
            holder.holding = false;
            if (holder.reported == holder.since) {
                LOG.info("The connection of {} reported as held too long by thread {} was given back after {} ms",
                        poolName, Thread.currentThread().getName(),
                        TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - holder.since));
            }
        }
    }

    /**
     * Reports each thread that has held a connection for the threshold or longer and was not reported for that
     * borrow yet, and forgets the threads that ended holding none.
     *
     * @return the threads reported now
     */
    List<Thread> sweep() {
        long now = nanoTime.getAsLong();
        List<Thread> reported = new ArrayList<>();
        for (Holder holder : holders) {
            Thread thread = holder.thread.get();
            if (!holder.holding) {
                if (thread == null || !thread.isAlive()) {
                    holders.remove(holder);
                }
                continue;
            }
            long since = holder.since;
            if (now - since >= thresholdNanos && holder.reported != since) {
                holder.reported = since;
                report(thread == null ? holder.name : thread.getName(), thread, now - since);
                if (thread != null) {
                    reported.add(thread);
                }
            }
        }
        return reported;
    }

    /** @param thread the thread, or null when it has ended (still holding the connection: a leak for sure) */
    private void report(String name, Thread thread, long heldNanos) {
        Exception where = new Exception("Apparent connection leak detected");
        where.setStackTrace(thread == null ? new StackTraceElement[0] : thread.getStackTrace());
        LOG.warn("Connection leak detection triggered for a connection of {} on thread {}, held for {} ms "
                        + "(DATABASE_LEAK_DETECTION_THRESHOLD {} ms), its stack now follows", poolName, name,
                TimeUnit.NANOSECONDS.toMillis(heldNanos), TimeUnit.NANOSECONDS.toMillis(thresholdNanos), where);
    }

    private Holder register() {
        Holder holder = new Holder(Thread.currentThread());
        holders.add(holder);
        return holder;
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    /** One thread's borrows: {@code depth} is the thread's own; the sweeper reads the volatile fields. */
    private static final class Holder {
        /** Weakly: a thread that ended must not stay reachable, nor what it ran, until the next sweep. */
        final WeakReference<Thread> thread;
        final String name;
        int depth;
        volatile boolean holding;
        volatile long since;
        /** The {@code since} of the borrow last reported. */
        volatile long reported = Long.MIN_VALUE;

        Holder(Thread thread) {
            this.thread = new WeakReference<>(thread);
            this.name = thread.getName();
        }
    }
}
