package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.api.PoolStats;

import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where a PostgreSQL store's connections come from: its own pool ({@link PostgresPool}) or the application's
 * DataSource ({@link ApplicationConnections}). What differs is what can be said of the pool and who closes it.
 */
interface PostgresConnections extends AutoCloseable {
    /** The connections the store's work runs on. */
    DataSource dataSource();

    /** The pool's counts now, as far as they can be known. */
    Optional<PoolStats> stats();

    /** Closes what the store owns: its own pool; nothing of the application's. */
    @Override
    void close();
}
