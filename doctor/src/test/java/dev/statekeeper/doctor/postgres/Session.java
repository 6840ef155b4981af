package dev.statekeeper.doctor.postgres;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Another client's session on a test database, as the superuser, with an application name: it runs statements in
 * turn, or one in the background (a pg_sleep, a write that waits for a lock); closing it cancels what runs and
 * disconnects.
 */
final class Session implements AutoCloseable {
    private final Connection connection;
    private final int pid;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Thread background;

    Session(String database, String application) throws SQLException {
        connection = PgDatabases.server().connect(database);
        connection.setClientInfo("ApplicationName", application);
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            pid = r.getInt(1);
        }
    }

    int pid() {
        return pid;
    }

    Connection connection() {
        return connection;
    }

    /** Runs statements now, in the session's current transaction mode. */
    Session execute(String... statements) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
        return this;
    }

    /** Starts a statement on a thread of its own; it runs until it ends, fails or the session closes. */
    Session start(String statement) {
        background = Thread.ofPlatform().daemon().name("pg-session-" + pid).start(() -> {
            try (Statement s = connection.createStatement()) {
                s.execute(statement);
            } catch (SQLException e) {
                failure.set(e);
            }
        });
        return this;
    }

    /** What the background statement failed with, if it did. */
    Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() throws SQLException {
        if (background != null) {
            connection.unwrap(PGConnection.class).cancelQuery();
            try {
                background.join(java.time.Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connection.close();
    }
}
