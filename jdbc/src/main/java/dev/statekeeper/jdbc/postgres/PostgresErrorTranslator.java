package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.SqlErrorTranslator;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's SQLSTATEs as Statekeeper error codes, each message saying what happened, on which server
 * and database (never the password), and what to do: the wording of seed 000's troubleshooting guide.
 * A pool timeout names the pool's size, active, idle and waiting counts and the timeout.
 */
final class PostgresErrorTranslator implements SqlErrorTranslator {
    /** HikariCP's own counts at the moment the wait timed out. */
    private static final Pattern POOL_COUNTS = Pattern.compile(
            "request timed out after (\\d+)ms \\(total=(\\d+), active=(\\d+), idle=(\\d+), waiting=(\\d+)\\)");

    private final PostgresUrl url;
    private final Settings settings;

    PostgresErrorTranslator(PostgresUrl url, Settings settings) {
        this.url = url;
        this.settings = settings;
    }

    @Override
    public StatekeeperException translate(String operation, SQLException error) {
        String state = sqlState(error);
        String where = operation + " failed on PostgreSQL database '" + url.database() + "' at " + url.server() + ": ";
        Problem p = problem(state, error);
        if (p == null) {
            p = new Problem(ErrorCode.INTERNAL, SqlErrorTranslator.firstLine(error) + (state == null ? "" : " (SQLSTATE " + state + ")"));
        }
        return new StatekeeperException(p.code(), where + p.text(), error);
    }

    /**
     * Lost and refused connections (class 08, and 57P01-57P03: the server shutting down, terminated, starting)
     * may succeed on another connection; serialization failures, deadlocks and too many connections once the
     * others are done. A pool timeout is not tried again: it already waited DATABASE_POOL_TIMEOUT.
     */
    @Override
    public Failure classify(SQLException error) {
        if (error instanceof SQLTransientConnectionException && String.valueOf(error.getMessage()).contains("timed out")) {
            return Failure.PERMANENT;
        }
        String state = sqlState(error);
        if (state == null) {
            return refused(error) ? Failure.CONNECTION_LOST : Failure.PERMANENT;
        }
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return Failure.CONNECTION_LOST;
        }
        return switch (state) {
            case "40001", "40P01", "53300" -> Failure.TRANSIENT;
            default -> Failure.PERMANENT;
        };
    }

    private record Problem(ErrorCode code, String text) {
    }

    private Problem problem(String state, SQLException error) {
        String driver = SqlErrorTranslator.firstLine(error);
        if (state != null) {
            switch (state) {
                case "28P01", "28000":
                    return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "authentication failed for user '" + url.user()
                            + "' (" + driver + "); check the user and password in DATABASE_URL, or reset it: "
                            + "ALTER USER " + url.user() + " WITH PASSWORD '...';");
                case "3D000":
                    return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "database '" + url.database()
                            + "' does not exist; create it: psql -U postgres -c \"CREATE DATABASE " + url.database()
                            + ";\" and grant it to the user, then run 'statekeeper init'");
                case "42P01":
                    return new Problem(ErrorCode.MIGRATION_DRIFT, "a table is missing (" + driver
                            + "); the schema is not installed or was changed by hand: run 'statekeeper init', and "
                            + "'statekeeper db migrate status' to compare the applied migrations with this build's");
                case "53300":
                    return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "the server has too many connections ("
                            + driver + "); lower " + Setting.POOL_MAX_SIZE.variable() + " (now "
                            + settings.raw(Setting.POOL_MAX_SIZE) + ") or raise the server's max_connections");
                case "57014":
                    return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "the statement was cancelled after the "
                            + "statement timeout of " + settings.raw(Setting.COMMAND_TIMEOUT) + " s ("
                            + Setting.COMMAND_TIMEOUT.variable() + "); find slow queries or locks in pg_stat_activity, "
                            + "or raise the timeout");
                case "57P01", "57P02", "57P03":
                    return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "the server is shutting down or starting ("
                            + driver + "); retry when it accepts connections (pg_isready -h " + url.host()
                            + " -p " + url.port() + ")");
                case "23505":
                    return new Problem(ErrorCode.DUPLICATE, "a record with that key already exists (" + driver + ")");
                case "23514", "23502", "23503", "22001", "22P05", "22021":
                    return new Problem(ErrorCode.VALIDATION_FAILED, "the database refused the values (" + driver + ")");
                case "40001", "40P01", "55P03":
                    return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "a concurrent transaction got in the way ("
                            + driver + "); retry");
                case "25006":
                    return new Problem(ErrorCode.READ_ONLY, "the server accepts no writes (" + driver
                            + "); point DATABASE_URL at the primary, not a standby");
                case "42501":
                    return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "permission denied (" + driver + "); GRANT the "
                            + "user of DATABASE_URL the privileges on the database and its tables");
                default:
                    break;
            }
            if (driver.contains("does not support SSL")) {
                return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "the server does not accept SSL connections but "
                        + "DATABASE_URL asks for sslmode=" + url.properties().getProperty("sslmode", "require")
                        + "; turn ssl on in the server's postgresql.conf, or use sslmode=prefer (or disable) on a "
                        + "trusted network");
            }
            if (state.startsWith("08") || refused(error)) {
                return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "cannot connect to the server at " + url.server()
                        + " (" + driver + "); check that PostgreSQL runs there (pg_isready -h " + url.host() + " -p "
                        + url.port() + ") and that DATABASE_URL names the right host and port");
            }
        }
        if (refused(error)) {
            return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "connection refused by " + url.server()
                    + "; check that PostgreSQL runs there (pg_isready -h " + url.host() + " -p " + url.port() + ")");
        }
        if (error instanceof SQLTransientConnectionException) {
            return poolTimeout(error);
        }
        return null;
    }

    private Problem poolTimeout(SQLException error) {
        Matcher m = POOL_COUNTS.matcher(String.valueOf(error.getMessage()));
        String counts = m.find()
                ? "waited " + m.group(1) + " ms; pool size " + m.group(2) + " (max " + settings.raw(Setting.POOL_MAX_SIZE)
                        + "): " + m.group(3) + " active, " + m.group(4) + " idle, " + m.group(5) + " waiting"
                : SqlErrorTranslator.firstLine(error);
        return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "no pooled connection became free within "
                + settings.raw(Setting.POOL_TIMEOUT) + " s (" + Setting.POOL_TIMEOUT.variable() + "): " + counts
                + "; raise " + Setting.POOL_MAX_SIZE.variable() + " or " + Setting.POOL_TIMEOUT.variable()
                + ", or look for long transactions in pg_stat_activity");
    }

    /** The SQLSTATE of the error or of the first cause that has one. */
    private static String sqlState(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static boolean refused(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
