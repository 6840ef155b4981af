package dev.statekeeper.jdbc.internal;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak watch on a clock of the test's: a thread holding a connection for the threshold is reported once per
 * borrow, a nested borrow counts from the first, and a connection given back is not reported.
 */
class LeakWatchTest {
    private static final long THRESHOLD_MS = 2_000;

    private final AtomicLong now = new AtomicLong(1_000);
    private final LeakWatch watch = LeakWatch.manual("test-pool", THRESHOLD_MS, now::get);
    /** How HikariCP tells the watch of borrows and returns, on the borrowing thread. */
    private final IMetricsTracker pool = watch.create("test-pool", null);

    private void advanceMillis(long ms) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void aConnectionHeldForTheThresholdIsReportedOnceWithItsThread() {
        pool.recordConnectionAcquiredNanos(0);
        advanceMillis(THRESHOLD_MS - 1);
        assertThat(watch.sweep()).isEmpty();

        advanceMillis(1);
        assertThat(watch.sweep()).containsExactly(Thread.currentThread());
        advanceMillis(THRESHOLD_MS);
        assertThat(watch.sweep()).isEmpty();

        pool.recordConnectionUsageMillis(2 * THRESHOLD_MS);
        advanceMillis(THRESHOLD_MS);
        assertThat(watch.sweep()).isEmpty();
    }

    @Test
    void aConnectionGivenBackInTimeIsNotReported() {
        pool.recordConnectionAcquiredNanos(0);
        advanceMillis(THRESHOLD_MS - 1);
        pool.recordConnectionUsageMillis(THRESHOLD_MS - 1);
        advanceMillis(THRESHOLD_MS);
        assertThat(watch.sweep()).isEmpty();
    }

    @Test
    void aNestedBorrowCountsFromTheFirstAndEachNewBorrowIsReportedAgain() {
        pool.recordConnectionAcquiredNanos(0);
        advanceMillis(THRESHOLD_MS / 2);
        pool.recordConnectionAcquiredNanos(0);
        pool.recordConnectionUsageMillis(0);
        advanceMillis(THRESHOLD_MS / 2);
        assertThat(watch.sweep()).containsExactly(Thread.currentThread());
        pool.recordConnectionUsageMillis(THRESHOLD_MS);

        pool.recordConnectionAcquiredNanos(0);
        advanceMillis(THRESHOLD_MS);
        assertThat(watch.sweep()).containsExactly(Thread.currentThread());
    }

    @Test
    void aThreadThatGaveItsConnectionBackAndEndedIsNotReported() throws InterruptedException {
        Thread other = new Thread(() -> {
            pool.recordConnectionAcquiredNanos(0);
            pool.recordConnectionUsageMillis(0);
        });
        other.start();
        other.join();
        pool.recordConnectionAcquiredNanos(0);
        advanceMillis(THRESHOLD_MS);
        assertThat(watch.sweep()).containsExactly(Thread.currentThread());
    }

    @Test
    void aThreadThatEndedHoldingItsConnectionIsReported() throws InterruptedException {
        Thread other = new Thread(() -> pool.recordConnectionAcquiredNanos(0));
        other.start();
        other.join();
        advanceMillis(THRESHOLD_MS);
        assertThat(watch.sweep()).containsExactly(other);
        assertThat(watch.sweep()).isEmpty();
    }
}
