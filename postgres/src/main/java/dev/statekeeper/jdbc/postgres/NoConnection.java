package dev.statekeeper.jdbc.postgres;

import java.sql.SQLException;

/**
 * The application's DataSource gave no connection: its pool had none free in time, or could not open one. It
 * carries the DataSource's error (message, SQLSTATE and all) as its cause, so that the translator can tell a
 * server that refused (a SQLSTATE of its own) from a pool that ran dry, whatever pool it is.
 */
final class NoConnection extends SQLException {
    NoConnection(SQLException cause) {
        super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
    }
}
