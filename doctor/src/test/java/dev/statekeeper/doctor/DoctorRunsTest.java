package dev.statekeeper.doctor;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link DoctorRuns}: never two runs at once; a caller asking for the checks in flight gets that run's report. */
class DoctorRunsTest {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private final Map<Selection, AtomicInteger> calls = new ConcurrentHashMap<>();

    private DoctorReport slow(Selection selection) {
        most.accumulateAndGet(active.incrementAndGet(), Math::max);
        calls.computeIfAbsent(selection, s -> new AtomicInteger()).incrementAndGet();
        try {
            entered.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            return new DoctorReport("memory", "test", Instant.EPOCH, 0, List.of(), true);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            active.decrementAndGet();
        }
    }

    @Test
    void aSecondCallerForTheSameChecksGetsTheRunInFlightAndOtherChecksWait() throws Exception {
        DoctorRuns runs = new DoctorRuns(this::slow);
        AtomicReference<DoctorReport> first = new AtomicReference<>();
        AtomicReference<DoctorReport> second = new AtomicReference<>();
        AtomicReference<DoctorReport> cheap = new AtomicReference<>();
        Thread a = Thread.ofPlatform().start(() -> first.set(runs.run(Selection.all())));
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        Thread b = Thread.ofPlatform().start(() -> second.set(runs.run(Selection.all())));
        Thread c = Thread.ofPlatform().start(() -> cheap.set(runs.run(Selection.cheap())));
        awaitBlocked(b);
        awaitBlocked(c);
        release.countDown();
        for (Thread t : List.of(a, b, c)) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(second.get()).as("the second caller got the first run's report").isSameAs(first.get());
        assertThat(cheap.get()).isNotNull().isNotSameAs(first.get());
        assertThat(calls.get(Selection.all()).get()).isEqualTo(1);
        assertThat(calls.get(Selection.cheap()).get()).isEqualTo(1);
        assertThat(most.get()).as("never two runs at once").isEqualTo(1);

        release.countDown();
        assertThat(runs.run(Selection.all())).as("a run after the last one ended runs again").isNotSameAs(first.get());
        assertThat(calls.get(Selection.all()).get()).isEqualTo(2);
    }

    @Test
    void aFailedRunFailsItsCallersAndTheNextRunStillRuns() {
        AtomicInteger n = new AtomicInteger();
        DoctorRuns runs = new DoctorRuns(selection -> {
            if (n.incrementAndGet() == 1) {
                throw new StatekeeperException(ErrorCode.USAGE, "unknown check 'x'");
            }
            return new DoctorReport("memory", "test", Instant.EPOCH, 0, List.of(), true);
        });
        StatekeeperException e = catchThrowableOfType(StatekeeperException.class, () -> runs.run(Selection.all()));
        assertThat(e.getMessage()).isEqualTo("unknown check 'x'");
        assertThat(runs.run(Selection.all()).backend()).isEqualTo("memory");
    }

    /** Waits (bounded) until the thread is parked: joined to the run in flight, or queued behind it. */
    private static void awaitBlocked(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(t.getState()).isEqualTo(Thread.State.WAITING);
    }
}
