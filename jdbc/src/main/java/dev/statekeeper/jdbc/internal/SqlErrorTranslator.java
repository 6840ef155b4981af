package dev.statekeeper.jdbc.internal;

import dev.statekeeper.core.error.StatekeeperException;

import java.sql.SQLException;

/**
 * Turns a driver error into the {@link StatekeeperException} an operator can act on, and says whether trying
 * again may succeed. Each backend has one; the message names the database and the operation, never a password.
 */
public interface SqlErrorTranslator {

    /** What a failure means for trying again. */
    enum Failure {
        /** Trying again gives the same error: a constraint, a missing table, a wrong password. */
        PERMANENT,
        /** The work was undone and may succeed when tried again: a deadlock, a busy database, too many connections. */
        TRANSIENT,
        /**
         * The connection was lost or refused (a restart, a dropped network, a terminated backend). Before a
         * commit was sent the work is undone and may be tried again; while committing, nobody knows whether it
         * was applied.
         */
        CONNECTION_LOST
    }

    /**
     * @param operation what was being done, e.g. {@code add feedback to loop 'abc12345'}
     * @param error     the driver's error
     */
    StatekeeperException translate(String operation, SQLException error);

    /**
     * The driver message's first line: PostgreSQL adds "Detail:" and "Where:" lines that may quote row values,
     * which belong neither in an error message nor in a log.
     */
    static String firstLine(Throwable error) {
        String message = String.valueOf(error.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** How the failure bears on a retry; permanent unless the backend knows better. */
    default Failure classify(SQLException error) {
        return Failure.PERMANENT;
    }
}
