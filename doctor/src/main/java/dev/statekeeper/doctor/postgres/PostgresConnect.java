package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.Connected;
import dev.statekeeper.jdbc.postgres.PostgresUrl;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * The {@code connection} check of a PostgreSQL database: the doctor's own single connection from DATABASE_URL (never
 * the store's pool), in which every transaction is read-only ({@code default_transaction_read_only}), a statement
 * stops after a few seconds ({@code statement_timeout}, at most the check's time) and waits at most
 * {@value #LOCK_TIMEOUT_MS} ms for a lock, and which says {@code application_name=statekeeper-doctor}. Its evidence
 * has the round trip of a {@code SELECT 1}; a server that cannot be reached or refuses the user is the P0 finding
 * with the reason (the driver's message, which never holds the password).
 */
final class PostgresConnect {
    static final String APPLICATION_NAME = "statekeeper-doctor";
    static final long STATEMENT_TIMEOUT_MS = 5000;
    static final long LOCK_TIMEOUT_MS = 2000;
    private static final String THRESHOLD = "the database accepts the doctor's connection and answers a query";

    private PostgresConnect() {
    }

    static Connected<PostgresHandle> connect(CheckContext context) {
        Settings settings = context.settings();
        PostgresUrl url;
        try {
            url = PostgresUrl.parse(settings.raw(Setting.DATABASE_URL));
        } catch (StatekeeperException e) {
            return Connected.failed(e, "set DATABASE_URL=postgresql://user:pass@host:port/db");
        }
        long start = System.nanoTime();
        Connection connection = null;
        try {
            connection = new Driver().connect(url.jdbcUrl(), properties(url, settings, context.checkTimeout()));
            connection.setReadOnly(true);
            long connectMs = (System.nanoTime() - start) / 1_000_000;
            long tripStart = System.nanoTime();
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT 1");
            }
            long roundTripMicros = (System.nanoTime() - tripStart) / 1000;
            PostgresHandle handle = handle(url, connection);
            return Connected.to(handle, Connected.check().threshold(THRESHOLD)
                    .evidence("server", url.server()).evidence("database", url.database())
                    .evidence("user", handle.role())
                    .evidence("serverVersion", handle.text("SELECT current_setting('server_version')"))
                    .evidence("connectMs", connectMs).evidence("roundTripMs", roundTripMicros / 1000.0)
                    .evidence("readsAllStats", handle.readsAllStats())
                    .ok("PostgreSQL database '" + url.database() + "' at " + url.server() + " answers as '"
                            + handle.role() + "'"));
        } catch (SQLException e) {
            closeQuietly(connection);
            return ConnectFailure.of(url, e);
        }
    }

    private static PostgresHandle handle(PostgresUrl url, Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("""
                SELECT current_setting('server_version_num')::int, current_user, current_schema(),
                       CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pg_read_all_stats')
                            THEN pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')
                            ELSE (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) END""")) {
            r.next();
            return new PostgresHandle(url, connection, r.getInt(1), r.getString(2), r.getString(3), r.getBoolean(4),
                    BlockCounts.read(connection));
        }
    }

    /** The URL's properties with the doctor's name, timeouts and read-only transactions. */
    static Properties properties(PostgresUrl url, Settings settings, Duration checkTimeout) {
        Properties p = url.properties();
        p.setProperty("ApplicationName", APPLICATION_NAME);
        long statementMs = Math.max(100, Math.min(STATEMENT_TIMEOUT_MS, checkTimeout.toMillis()));
        String options = p.getProperty("options", "");
        p.setProperty("options", (options.isBlank() ? "" : options + " ") + "-c statement_timeout=" + statementMs
                + " -c lock_timeout=" + LOCK_TIMEOUT_MS + " -c default_transaction_read_only=on");
        long connectSeconds = Math.max(1, Math.min(settings.seconds(Setting.CONNECT_TIMEOUT).toSeconds(),
                Math.max(1, checkTimeout.toSeconds())));
        p.setProperty("connectTimeout", String.valueOf(connectSeconds));
        p.setProperty("loginTimeout", String.valueOf(connectSeconds));
        // a server that stops answering (not even a cancel) ends the read instead of holding the check forever
        p.setProperty("socketTimeout", String.valueOf(statementMs / 1000 + 10));
        p.setProperty("tcpKeepAlive", "true");
        return p;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // it is being given up anyway
            }
        }
    }
}
