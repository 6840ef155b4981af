package dev.statekeeper.ops;

/**
 * What {@code db recover} saved of one table (or, for a json store, one list of records): how many records it
 * recovered, how many were lost (null when the damaged part does not say how many it held) and in what way.
 */
public record TableRecovery(String table, long recovered, Long lost, String detail) {
}
