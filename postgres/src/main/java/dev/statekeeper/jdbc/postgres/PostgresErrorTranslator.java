package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.api.PoolStats;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.internal.SqlErrorTranslator;
import dev.statekeeper.jdbc.internal.PoolTimeout;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * PostgreSQL's SQLSTATEs as Statekeeper error codes, each message saying what happened, on which server
 * and database (never the password), and what to do: the wording of seed 000's troubleshooting guide.
 * A pool timeout of the store's own pool names the timeout, how long the borrower waited, and the pool's name,
 * size, active, idle and waiting counts, as the pool's {@link PoolTimeout} carries them.
 *
 * <p>A full disk on the server (53100, disk_full: a table, index or temporary file that cannot grow) is DISK_FULL, as
 * SQLite's SQLITE_FULL and the JSON file's ENOSPC are. The other shortages of SQLSTATE class 53 are no full disk:
 * 53300 (too many connections) is a connection problem of its own, and 53000 (insufficient resources), 53200 (out of
 * memory) and 53400 (configuration limit exceeded) stay INTERNAL with their SQLSTATE.
 *
 * <p>On the application's DataSource ({@link #onApplication}) the pool is the application's, whatever pool it is:
 * a borrow that failed without a SQLSTATE of the server's is its pool running dry, and the messages send the
 * operator to the application's pool and DataSource rather than to the DATABASE_* settings, which it does not
 * follow.
 */
final class PostgresErrorTranslator implements SqlErrorTranslator {
    private final PostgresUrl url;
    private final Settings settings;
    /** The application's DataSource the connections come from, or null when they are the store's own. */
    private final ApplicationConnections application;

    PostgresErrorTranslator(PostgresUrl url, Settings settings) {
        this(url, settings, null);
    }

    private PostgresErrorTranslator(PostgresUrl url, Settings settings, ApplicationConnections application) {
        this.url = url;
        this.settings = settings;
        this.application = application;
    }

    /** A translator for work on the application's DataSource, whose pool is the application's. */
    static PostgresErrorTranslator onApplication(PostgresUrl url, Settings settings, ApplicationConnections application) {
        return new PostgresErrorTranslator(url, settings, application);
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
        if (poolTimeout(error) || applicationPoolDry(error)) {
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
                            + "' (" + driver + "); check the user and password in " + source() + ", or reset it: "
                            + "ALTER USER " + url.user() + " WITH PASSWORD '...';");
                case "3D000":
                    return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "database '" + url.database()
                            + "' does not exist; create it: psql -U postgres -c \"CREATE DATABASE " + url.database()
                            + ";\" and grant it to the user, then run 'statekeeper init'");
                case "42P01":
                    return new Problem(ErrorCode.MIGRATION_DRIFT, "a table is missing (" + driver
                            + "); the schema is not installed or was changed by hand: run 'statekeeper init', and "
                            + "'statekeeper db migrate status' to compare the applied migrations with this build's");
                case "53100":
                    return new Problem(ErrorCode.DISK_FULL, "the server's disk is full (" + driver + "); free space "
                            + "on the disk that holds the server's data directory (or the tablespace the error names) "
                            + "on " + url.host() + ", or move it to a larger disk, then retry");
                case "53300":
                    return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "the server has too many connections ("
                            + driver + "); lower " + (application != null ? "the application pool's maximum size"
                                    : Setting.POOL_MAX_SIZE.variable() + " (now " + settings.raw(Setting.POOL_MAX_SIZE)
                                            + ")") + " or raise the server's max_connections");
                case "57014":
                    return new Problem(ErrorCode.BACKEND_UNAVAILABLE, application != null
                            ? "the statement was cancelled (" + driver + "), by the statement_timeout of the "
                                    + "application's connections or a cancel request; find slow queries or locks in "
                                    + "pg_stat_activity, or raise the timeout"
                            : "the statement was cancelled after the statement timeout of "
                                    + settings.raw(Setting.COMMAND_TIMEOUT) + " s (" + Setting.COMMAND_TIMEOUT.variable()
                                    + "); find slow queries or locks in pg_stat_activity, or raise the timeout");
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
                            + "); point " + source() + " at the primary, not a standby");
                case "42501":
                    return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "permission denied (" + driver + "); GRANT the "
                            + "user of " + source() + " the privileges on the database and its tables");
                default:
                    break;
            }
            if (driver.contains("does not support SSL")) {
                return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "the server does not accept SSL connections but "
                        + source() + " asks for sslmode=" + url.properties().getProperty("sslmode", "require")
                        + "; turn ssl on in the server's postgresql.conf, or use sslmode=prefer (or disable) on a "
                        + "trusted network");
            }
            if (state.startsWith("08") || refused(error)) {
                return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "cannot connect to the server at " + url.server()
                        + " (" + driver + "); check that PostgreSQL runs there (pg_isready -h " + url.host() + " -p "
                        + url.port() + ") and that " + source() + " names the right host and port");
            }
        }
        if (refused(error)) {
            return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "connection refused by " + url.server()
                    + "; check that PostgreSQL runs there (pg_isready -h " + url.host() + " -p " + url.port() + ")");
        }
        if (poolTimeout(error)) {
            return poolTimeoutProblem(error);
        }
        if (applicationPoolDry(error)) {
            return new Problem(ErrorCode.BACKEND_UNAVAILABLE, "the application's DataSource (" + application.name()
                    + ") gave no connection (" + driver + ")" + application.stats().map(s -> "; its pool: " + s.active()
                            + " active, " + s.idle() + " idle, " + s.waiting() + " waiting (max " + s.max() + ")")
                            .orElse("") + "; the pool is the application's: raise its size or its timeout, or look "
                    + "for long transactions in pg_stat_activity");
        }
        return null;
    }

    /** Where the connections' URL and user are set, as messages tell the operator. */
    private String source() {
        return application == null ? "DATABASE_URL" : "the application's DataSource";
    }

    /**
     * Whether the application's DataSource gave no connection for a reason of its pool's (its timeout, its
     * limit), any pool: a failed borrow without a SQLSTATE, or HikariCP's timeout (which may carry the SQLSTATE of
     * the last connection that failed to open).
     */
    private boolean applicationPoolDry(SQLException error) {
        return application != null && error instanceof NoConnection
                && (error.getSQLState() == null || error.getCause() instanceof SQLTransientConnectionException);
    }

    /**
     * Whether the error is the store's own pool's (HikariCP's): no connection became free within the pool's
     * timeout. It is the one {@link SQLTransientConnectionException} a borrower gets (pgjdbc throws none).
     */
    private boolean poolTimeout(SQLException error) {
        return application == null && error instanceof SQLTransientConnectionException;
    }

    /**
     * A borrower waited out DATABASE_POOL_TIMEOUT while the pool was full: how long it waited, as it measured it,
     * and the pool's counts just after it gave up ({@link PoolTimeout}).
     */
    private Problem poolTimeoutProblem(SQLException error) {
        String counts = SqlErrorTranslator.firstLine(error);
        if (error instanceof PoolTimeout timeout) {
            PoolStats pool = timeout.counts();
            counts = "waited " + timeout.waitedMillis() + " ms; pool " + timeout.pool() + " size " + timeout.total()
                    + " (max " + pool.max() + "): " + pool.active() + " active, " + pool.idle() + " idle, "
                    + pool.waiting() + " waiting";
        }
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
