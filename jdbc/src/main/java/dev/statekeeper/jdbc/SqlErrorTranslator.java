package dev.statekeeper.jdbc;

import dev.statekeeper.core.error.StatekeeperException;

import java.sql.SQLException;

/**
 * Turns a driver error into the {@link StatekeeperException} an operator can act on. Each backend has one;
 * the message names the database and the operation, never a password.
 */
@FunctionalInterface
public interface SqlErrorTranslator {
    /**
     * @param operation what was being done, e.g. {@code add feedback to loop 'abc12345'}
     * @param error     the driver's error
     */
    StatekeeperException translate(String operation, SQLException error);
}
