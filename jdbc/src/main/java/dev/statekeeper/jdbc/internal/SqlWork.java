package dev.statekeeper.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on one connection inside one transaction that {@link Transactor} opened.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
