package dev.statekeeper.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock for tests that starts at a fixed instant and jumps forward on {@link #advance}. A ticking clock
 * (the default) also advances one millisecond on every read, so records created one after another have
 * distinct, ordered timestamps; a {@link #frozen()} one stands still, so printed times are exact.
 * Thread-safe.
 */
public final class TestClock extends Clock {
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong micros = new AtomicLong(START.toEpochMilli() * 1000);
    private final long tickMicros;

    /** A ticking clock. */
    public TestClock() {
        this(1000);
    }

    private TestClock(long tickMicros) {
        this.tickMicros = tickMicros;
    }

    /** A clock that moves only when {@link #advance} moves it. */
    public static TestClock frozen() {
        return new TestClock(0);
    }

    @Override
    public Instant instant() {
        long now = micros.getAndAdd(tickMicros);
        return Instant.EPOCH.plusNanos(now * 1000);
    }

    /** Moves time forward without a read in between. */
    public void advance(Duration by) {
        micros.addAndGet(by.toNanos() / 1000);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a TestClock is always UTC");
    }
}
