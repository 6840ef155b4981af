package dev.statekeeper.doctor.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database's cumulative block counts at one moment (pg_statio_user_tables and pg_statio_user_indexes): blocks
 * found in shared buffers ({@code hit}) and blocks read from the operating system ({@code read}), of tables and of
 * indexes. A ratio over the whole lifetime of the counters hides today's problem, so the hit-ratio checks compare
 * two of these taken a while apart.
 */
record BlockCounts(long tableHit, long tableRead, long indexHit, long indexRead, long nanos) {
    static final String QUERY = """
            SELECT (SELECT coalesce(sum(heap_blks_hit), 0) FROM pg_statio_user_tables),
                   (SELECT coalesce(sum(heap_blks_read), 0) FROM pg_statio_user_tables),
                   (SELECT coalesce(sum(idx_blks_hit), 0) FROM pg_statio_user_indexes),
                   (SELECT coalesce(sum(idx_blks_read), 0) FROM pg_statio_user_indexes)""";

    /** The counts now (in auto-commit: each statement sees the statistics afresh). */
    static BlockCounts read(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(QUERY)) {
            r.next();
            return new BlockCounts(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), System.nanoTime());
        }
    }

    /** What happened between {@code earlier} and this sample. */
    BlockCounts since(BlockCounts earlier) {
        return new BlockCounts(tableHit - earlier.tableHit, tableRead - earlier.tableRead, indexHit - earlier.indexHit,
                indexRead - earlier.indexRead, nanos - earlier.nanos);
    }
}
