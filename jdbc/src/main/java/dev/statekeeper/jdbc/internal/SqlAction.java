package dev.statekeeper.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Work that writes and returns nothing, done inside one transaction that {@link Transactor} opened. */
@FunctionalInterface
public interface SqlAction {
    void run(Connection connection) throws SQLException;
}
