package dev.statekeeper.doctor.maintain;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.postgres.PostgresUrl;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * One PostgreSQL connection of maintenance's own (never the store's pool), as the doctor opens it: the URL's
 * parameters, a connect timeout, {@code application_name} statekeeper-maintain (statekeeper-doctor for the doctor's
 * read of the log), {@code lock_timeout} of
 * STATEKEEPER_DOCTOR_CHECK_TIMEOUT and {@code statement_timeout} of STATEKEEPER_DOCTOR_BUDGET.
 */
final class PostgresConnect {
    static final String APPLICATION = "statekeeper-maintain";
    /** The name of the doctor's read of the log (maintenance-age). */
    static final String DOCTOR = "statekeeper-doctor";

    private PostgresConnect() {
    }

    static PostgresUrl url(Settings settings) {
        return PostgresUrl.parse(settings.raw(Setting.DATABASE_URL));
    }

    static Connection open(Settings settings, boolean readOnly) {
        return open(settings, readOnly, APPLICATION);
    }

    static Connection open(Settings settings, boolean readOnly, String application) {
        PostgresUrl url = url(settings);
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url.jdbcUrl());
        Properties properties = url.properties();
        properties.setProperty("connectTimeout",
                String.valueOf(Math.max(1, settings.seconds(Setting.CONNECT_TIMEOUT).toSeconds())));
        properties.setProperty("ApplicationName", application);
        try {
            for (String name : properties.stringPropertyNames()) {
                source.setProperty(name, properties.getProperty(name));
            }
        } catch (SQLException e) {
            throw new StatekeeperException(ErrorCode.CONFIG_INVALID, "DATABASE_URL has a parameter the PostgreSQL "
                    + "driver does not know: " + e.getMessage(), e);
        }
        Connection c = null;
        try {
            c = source.getConnection();
            try (Statement s = c.createStatement()) {
                s.execute("SET lock_timeout = " + settings.seconds(Setting.DOCTOR_CHECK_TIMEOUT).toMillis());
                s.execute("SET statement_timeout = " + settings.seconds(Setting.DOCTOR_BUDGET).toMillis());
            }
            c.setReadOnly(readOnly);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new StatekeeperException(ErrorCode.BACKEND_UNAVAILABLE, "cannot connect to PostgreSQL database '"
                    + url.database() + "' at " + url.server() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // the connection failed already
            }
        }
    }
}
