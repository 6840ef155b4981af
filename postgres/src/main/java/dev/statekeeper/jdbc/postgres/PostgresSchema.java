package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.SqlErrorTranslator;
import dev.statekeeper.jdbc.internal.Transactor;
import dev.statekeeper.jdbc.migration.Migration;
import dev.statekeeper.jdbc.migration.MigrationReport;
import dev.statekeeper.jdbc.migration.MigrationState;
import dev.statekeeper.jdbc.migration.Migrator;
import dev.statekeeper.jdbc.internal.flyway.QuietFlywayLog;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Brings a PostgreSQL database to the schema this build expects with Flyway's versioned migrations in
 * {@value #LOCATION}. Flyway holds a PostgreSQL advisory lock while it migrates, so processes that start at
 * once apply each migration exactly once; it validates the checksums of applied migrations first and refuses
 * a database whose applied migrations differ from this build's (MIGRATION_DRIFT). Without auto-migrate the
 * schema is only validated; {@link #migrator} ({@code db migrate}) then applies the pending migrations.
 */
final class PostgresSchema {
    static final String CREATE_TRIGRAMS = "CREATE EXTENSION IF NOT EXISTS pg_trgm;";
    /** The GIN index over spec names that serves fuzzy and substring resolve (V2, where V3's cannot be had). */
    static final String TRIGRAM_INDEX = "idx_specs_name_search";
    /** The GIN index over project and spec name (V3, with btree_gin), which replaces V2's. */
    static final String PROJECT_TRIGRAM_INDEX = "idx_specs_project_name_search";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSchema.class);
    private static final String LOCATION = "classpath:db/migration/postgres";

    private final PostgresUrl url;
    private final SqlErrorTranslator translator;

    PostgresSchema(PostgresUrl url, SqlErrorTranslator translator) {
        this.url = url;
        this.translator = translator;
    }

    /** Migrates (or, without auto-migrate, validates) the database; refuses drift. */
    void ensureCurrent(boolean autoMigrate, DataSource migrations) {
        Flyway flyway = Flyway.configure(PostgresSchema.class.getClassLoader())
                .loggers(QuietFlywayLog.name())
                .dataSource(migrations)
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load();
        try {
            if (autoMigrate) {
                flyway.migrate();
            } else {
                ValidateResult result = flyway.validateWithResult();
                if (!result.validationSuccessful) {
                    throw refusal(migrator(migrations).status(), result);
                }
            }
        } catch (FlywayException e) {
            throw translate(e);
        }
    }

    /**
     * Why a database that failed validation is refused without auto-migrate: its drift (a newer build's migrations
     * aside, which Flyway lets pass), else that it is behind.
     */
    private StatekeeperException refusal(MigrationReport report, ValidateResult result) {
        List<Migration> drift = report.drift().stream().filter(m -> m.state() != MigrationState.NEWER).toList();
        if (!drift.isEmpty()) {
            return drift("has migrations that do not match this build's: "
                    + drift.stream().map(Migration::problem).collect(Collectors.joining("; ")));
        }
        String behind = report.pending().isEmpty()
                ? "does not match this build's migrations: " + oneLine(result.getAllErrorMessages())
                : "is at schema version " + report.schemaVersion() + " but this build needs " + report.latest();
        return drift(behind + "; run 'statekeeper db migrate' or set " + Setting.AUTO_MIGRATE.variable() + "=true");
    }

    /** {@code db migrate} of the database, over {@code connections} of its own (Flyway opens and closes them). */
    Migrator migrator(DataSource connections) {
        return new Migrator("postgres", url.toString(), subject(), LOCATION, () -> connections, () -> connections,
                e -> translate((FlywayException) e));
    }

    /**
     * The schema pg_trgm is installed in, or empty when it is not: then a warning says what a superuser must
     * run, and fuzzy resolve ranks names in Java. When pg_trgm was installed after the migrations that create
     * the trigram index had run (without it), the index is created now (over project and name when btree_gin is
     * there, else over the name), or, without auto-migrate, a warning says it is missing: without it fuzzy
     * resolve reads every name of the project.
     */
    Optional<String> trigramSchema(Transactor tx, boolean autoMigrate) {
        Optional<String> schema = tx.query("look for pg_trgm", c -> Sql.first(c, """
                SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                WHERE e.extname = 'pg_trgm'""", row -> row.getString(1)));
        if (schema.isEmpty()) {
            LOG.warn("pg_trgm is not installed in PostgreSQL database '{}' at {} and this user may not create it: "
                    + "fuzzy spec resolve ranks names in Java instead. A superuser can install it with: {}",
                    url.database(), url.server(), CREATE_TRIGRAMS);
            return schema;
        }
        boolean indexed = tx.query("look for the trigram index", c -> Sql.first(c,
                "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN (?, ?)", row -> true,
                TRIGRAM_INDEX, PROJECT_TRIGRAM_INDEX)).isPresent();
        if (!indexed) {
            String create = tx.query("look for btree_gin", c -> Sql.first(c,
                    "SELECT 1 FROM pg_extension WHERE extname = 'btree_gin'", row -> true)).isPresent()
                    ? "CREATE INDEX IF NOT EXISTS " + PROJECT_TRIGRAM_INDEX + " ON technical_specs USING gin "
                            + "(project_name, spec_name " + quote(schema.get()) + ".gin_trgm_ops)"
                    : "CREATE INDEX IF NOT EXISTS " + TRIGRAM_INDEX + " ON technical_specs USING gin (spec_name "
                            + quote(schema.get()) + ".gin_trgm_ops)";
            if (autoMigrate) {
                LOG.info("pg_trgm was installed after the schema was created: creating the trigram index: {}", create);
                tx.writeIdempotent("create the trigram index", c -> Sql.execute(c, create));
            } else {
                LOG.warn("the trigram index over spec names is missing (pg_trgm was installed after the schema was "
                        + "created), so fuzzy spec resolve reads every name of a project; create it with: {}", create);
            }
        }
        return schema;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private StatekeeperException translate(FlywayException e) {
        if (e instanceof org.flywaydb.core.api.exception.FlywayValidateException) {
            return drift("has applied migrations that differ from this build's: " + oneLine(e.getMessage())
                    + " Never edit an applied migration; restore the original file or repair the history");
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return translator.translate(whileConnecting(sql) ? "open" : "migrate", sql);
            }
        }
        return drift("could not be migrated: " + oneLine(e.getMessage()));
    }

    /**
     * Whether the error is the server refusing the connection itself (unreachable, authentication, no such
     * database, too many connections, starting up): the store's open failed, before any migration ran.
     */
    private static boolean whileConnecting(SQLException e) {
        String state = String.valueOf(e.getSQLState());
        return state.startsWith("08") || state.startsWith("28") || state.equals("3D000") || state.equals("53300")
                || state.equals("57P03");
    }

    private StatekeeperException drift(String problem) {
        return new StatekeeperException(ErrorCode.MIGRATION_DRIFT, subject() + " " + problem);
    }

    private String subject() {
        return "PostgreSQL database '" + url.database() + "' at " + url.server();
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s+", " ").trim();
    }
}
