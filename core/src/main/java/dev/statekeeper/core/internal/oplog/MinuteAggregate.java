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
}
