package dev.statekeeper.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * After the connection was lost while a write was being committed, finds out whether that write was applied,
 * so the write can be retried without applying it twice. It runs on a fresh connection before the retry; when
 * it returns a result, that result is the write's and the write is not run again.
 *
 * @param <T> what the write returns
 */
@FunctionalInterface
public interface Recheck<T> {
    Optional<T> applied(Connection connection) throws SQLException;

    /** For a write that is harmless to apply twice (an upsert of the same value): always run it again. */
    static <T> Recheck<T> rerun() {
        return c -> Optional.empty();
    }
}
