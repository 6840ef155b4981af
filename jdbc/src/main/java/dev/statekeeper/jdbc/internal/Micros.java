package dev.statekeeper.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The column form of instants: INTEGER microseconds since 1970-01-01T00:00:00Z (the precision of
 * {@link dev.statekeeper.core.internal.domain.Timestamps}).
 */
public final class Micros {
    private static final long PER_SECOND = 1_000_000L;

    private Micros() {
    }

    /** The column value of an instant (sub-microsecond digits are dropped). */
    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND), instant.getNano() / 1_000);
    }

    private static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1_000);
    }

    /** Reads an epoch-microseconds column. */
    public static Instant read(ResultSet row, String column) throws SQLException {
        return toInstant(row.getLong(column));
    }
}
