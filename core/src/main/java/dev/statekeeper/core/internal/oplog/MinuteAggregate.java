package dev.statekeeper.core.internal.oplog;

import java.time.Instant;

/**
 * One operation's figures for one minute from one process: a row of the stored operation log. Rows of the same
 * minute and operation (from several processes, or several flushes of one) merge by adding.
 *
 * @param minute     the minute's start (UTC, seconds zero)
 * @param operation  the StateStore method
 * @param instance   the process: {@code host:pid}
 * @param count      operations ended in the minute
 * @param errors     of which failed
 * @param faults     of which failed on the store's side (5xx codes)
 * @param sumMicros  total duration
 * @param maxMicros  longest duration
 * @param sketch     the durations' histogram
 */
public record MinuteAggregate(Instant minute, String operation, String instance, long count, long errors,
                              long faults, long sumMicros, long maxMicros, LatencySketch sketch) {

    /** What rows that merge share: the minute, the operation and the process. */
    public record Key(Instant minute, String operation, String instance) {
    }

    public Key key() {
        return new Key(minute, operation, instance);
    }

    /**
     * This row and another of the same {@link #key()} added up.
     *
     * @param other the other row
     * @return a new row; neither row is changed
     */
    public MinuteAggregate plus(MinuteAggregate other) {
        if (!key().equals(other.key())) {
            throw new IllegalArgumentException("rows of " + key() + " and " + other.key() + " do not add up");
        }
        LatencySketch sum = sketch.copy();
        sum.merge(other.sketch);
        return new MinuteAggregate(minute, operation, instance, count + other.count, errors + other.errors,
                faults + other.faults, sumMicros + other.sumMicros, Math.max(maxMicros, other.maxMicros), sum);
    }
}
