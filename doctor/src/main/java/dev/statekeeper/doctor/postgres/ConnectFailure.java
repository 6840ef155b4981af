package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.doctor.Connected;
import dev.statekeeper.jdbc.postgres.PostgresUrl;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Why the doctor's connection failed, as the P0 {@code connection} finding: what the server or the driver said (its
 * first line: the driver never puts the password in it), and what to do about it.
 */
final class ConnectFailure {
    private ConnectFailure() {
    }

    static Connected<PostgresHandle> of(PostgresUrl url, SQLException e) {
        String state = String.valueOf(e.getSQLState());
        String said = firstLine(e);
        String subject = "cannot connect to PostgreSQL database '" + url.database() + "' at " + url.server()
                + (url.user() == null ? "" : " as '" + url.user() + "'") + ": ";
        String pgIsReady = "pg_isready -h " + url.host() + " -p " + url.port();
        String reason;
        String runbook;
        if (state.equals("28P01") || state.equals("28000")) {
            reason = "authentication failed (" + said + ")";
            runbook = "check the user and password in DATABASE_URL, or reset the password: ALTER USER " + url.user()
                    + " WITH PASSWORD '...'; and check pg_hba.conf allows this host";
        } else if (state.equals("3D000")) {
            reason = "the database does not exist (" + said + ")";
            runbook = "create it (CREATE DATABASE " + url.database() + ";) and run 'statekeeper init', or fix the "
                    + "database name in DATABASE_URL";
        } else if (state.equals("53300")) {
            reason = "the server has no free connection slot (" + said + ")";
            runbook = "every usable connection is taken: find who holds them (SELECT datname, usename, application_name, "
                    + "state, count(*) FROM pg_stat_activity GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC; as a superuser), "
                    + "lower the pools' sizes (DATABASE_POOL_MAX_SIZE) or raise max_connections";
        } else if (state.equals("57P03")) {
            reason = "the server is starting up or shutting down (" + said + ")";
            runbook = "wait until it accepts connections (" + pgIsReady + ") and run the doctor again";
        } else if (said.contains("SSL")) {
            reason = "the SSL handshake failed (" + said + ")";
            runbook = "check sslmode in DATABASE_URL against the server's ssl setting and certificates";
        } else if (cause(e, UnknownHostException.class)) {
            reason = "the host name does not resolve (" + said + ")";
            runbook = "check the host in DATABASE_URL";
        } else if (state.startsWith("08") || cause(e, ConnectException.class)) {
            reason = "the server does not answer (" + said + ")";
            runbook = "check that PostgreSQL runs there (" + pgIsReady + "), and the host and port in DATABASE_URL";
        } else {
            reason = said + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
            runbook = "check that PostgreSQL runs (" + pgIsReady + ") and that DATABASE_URL names it";
        }
        return Connected.failed(new StatekeeperException(ErrorCode.BACKEND_UNAVAILABLE, subject + reason, e), runbook);
    }

    private static boolean cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip();
    }
}
