package dev.statekeeper.ops.postgres;

/**
 * One of Statekeeper's statements as pg_stat_statements counts it since its numbers were last reset: the statement
 * normalized (its values replaced by {@code $1}, {@code $2}...), how often it ran and how long it took in all and on
 * average, the rows it returned or changed, and how many of the shared-buffer blocks it needed were found in memory.
 *
 * @param queryId          pg_stat_statements' queryid
 * @param role             the role that ran it
 * @param calls            how many times it ran
 * @param totalMs          its execution time in all, in milliseconds
 * @param meanMs           its mean execution time, in milliseconds
 * @param rows             the rows it returned or changed, in all
 * @param sharedBlocksHit  shared-buffer blocks found in memory
 * @param sharedBlocksRead shared-buffer blocks read from the operating system
 * @param hitRatio         {@code sharedBlocksHit / (sharedBlocksHit + sharedBlocksRead)}, between 0 and 1; null when
 *                         the statement touched no shared block
 * @param query            the normalized statement text
 */
public record StatementStat(long queryId, String role, long calls, double totalMs, double meanMs, long rows,
                            long sharedBlocksHit, long sharedBlocksRead, Double hitRatio, String query) {
    /** The hit ratio of the counts, null when there are none. */
    static Double hitRatio(long hit, long read) {
        return hit + read == 0 ? null : (double) hit / (hit + read);
    }
}
