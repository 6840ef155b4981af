package dev.statekeeper.ops.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.postgres.PostgresUrl;
import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.Finding;
import dev.statekeeper.ops.VerifyReport;
import dev.statekeeper.ops.sql.Jdbc;
import dev.statekeeper.ops.sql.Migrations;
import dev.statekeeper.ops.sql.RowChecks;
import dev.statekeeper.ops.sql.SqlFlavor;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code db verify} of a PostgreSQL database, over a connection of its own (no pool, no migration): Flyway's
 * validation of the applied migrations (checksums, failed ones) and the schema version against this build's, then
 * the checks of the records. Every statement runs on its own in auto-commit, so one that fails does not stop the
 * others, under DATABASE_COMMAND_TIMEOUT.
 */
public final class PostgresVerifier {
    private static final String MIGRATIONS = "classpath:db/migration/postgres";
    private static final String NO_SCHEMA_FIX = "create it with 'statekeeper init' (check that DATABASE_URL names "
            + "the right database)";

    private PostgresVerifier() {
    }

    public static VerifyReport verify(Settings settings) {
        PostgresUrl url = PostgresUrl.parse(settings.raw(Setting.DATABASE_URL));
        String location = url.toString();
        PGSimpleDataSource source = dataSource(url, settings);
        List<Finding> findings = new ArrayList<>();
        try (Connection c = source.getConnection()) {
            Jdbc.execute(c, "SET statement_timeout = " + settings.seconds(Setting.COMMAND_TIMEOUT).toMillis());
            if (Jdbc.number(c, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                    + "AND table_name IN ('loop_states', 'flyway_schema_history')") < 2) {
                findings.add(Finding.error(Check.SCHEMA, location, "the database has no Statekeeper schema",
                        NO_SCHEMA_FIX));
            } else {
                Migrations migrations = Migrations.of(source, MIGRATIONS);
                findings.addAll(Migrations.compare(location, migrations.applied(), migrations.latest()));
                findings.addAll(migrations.drift(location));
                findings.addAll(RowChecks.find(c, SqlFlavor.POSTGRES, settings.loopHistorySize(),
                        "see the error; 'statekeeper db test-connection' checks the connection"));
            }
        } catch (SQLException e) {
            throw new StatekeeperException(ErrorCode.BACKEND_UNAVAILABLE, "cannot verify PostgreSQL database '"
                    + url.database() + "' at " + url.server() + ": " + e.getMessage(), e);
        }
        return new VerifyReport("postgres", location, true, findings);
    }

    /** Connections as the store's, without a pool: the URL's parameters, a connect timeout, a name in pg_stat_activity. */
    static PGSimpleDataSource dataSource(PostgresUrl url, Settings settings) {
        return dataSource(url, settings, "statekeeper-verify");
    }

    /** As {@link #dataSource(PostgresUrl, Settings)}, named {@code application} in pg_stat_activity. */
    static PGSimpleDataSource dataSource(PostgresUrl url, Settings settings, String application) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url.jdbcUrl());
        Properties properties = url.properties();
        properties.setProperty("connectTimeout",
                String.valueOf(Math.max(1, settings.seconds(Setting.CONNECT_TIMEOUT).toSeconds())));
        properties.setProperty("ApplicationName", application);
        for (String name : properties.stringPropertyNames()) {
            try {
                source.setProperty(name, properties.getProperty(name));
            } catch (SQLException e) {
                throw new StatekeeperException(ErrorCode.CONFIG_INVALID, "DATABASE_URL parameter '" + name
                        + "' is not one the PostgreSQL driver knows: " + e.getMessage(), e);
            }
        }
        return source;
    }
}
