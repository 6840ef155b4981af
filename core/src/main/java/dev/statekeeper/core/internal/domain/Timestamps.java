package dev.statekeeper.core.internal.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants at the precision every backend keeps: microseconds (PostgreSQL's timestamptz precision). */
public final class Timestamps {
    /** The earliest instant a record may carry: every backend can store years 1 to 9999. */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant a record may carry: the last microsecond of the year 9999. */
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Timestamps() {
    }

    /**
     * The clock's time at the stored precision.
     *
     * @param clock the clock
     * @return now, truncated to microseconds
     */
    public static Instant now(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * An instant at the stored precision.
     *
     * @param instant the instant, or null
     * @return it truncated to microseconds, or null
     */
    public static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
