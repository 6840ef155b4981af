package dev.statekeeper.ops.sql;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.jdbc.internal.flyway.QuietFlywayLog;
import dev.statekeeper.ops.Check;
import dev.statekeeper.ops.Finding;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A database's migrations against this build's, read with Flyway without changing anything: the highest version
 * this build has, the highest applied, and drift (an applied migration whose checksum differs from this build's
 * file, one that failed, one this build does not have although it is older than its newest).
 */
public final class Migrations {
    private final Flyway flyway;

    private Migrations(Flyway flyway) {
        this.flyway = flyway;
    }

    /** The migrations of {@code location} (e.g. {@code classpath:db/migration/sqlite}) against the database. */
    public static Migrations of(DataSource database, String location) {
        return new Migrations(Flyway.configure(Migrations.class.getClassLoader())
                .loggers(QuietFlywayLog.name())
                .dataSource(database)
                .locations(location)
                .failOnMissingLocations(true)
                .ignoreMigrationPatterns("*:pending", "*:future")
                .load());
    }

    /** The newest version this build's migrations reach. */
    public MigrationVersion latest() {
        return Arrays.stream(flyway.info().all()).filter(m -> m.getState().isResolved())
                .map(MigrationInfo::getVersion).max(MigrationVersion::compareTo).orElse(MigrationVersion.EMPTY);
    }

    /** The newest version applied to the database (EMPTY when none is). */
    public MigrationVersion applied() {
        MigrationInfo current = flyway.info().current();
        return current == null ? MigrationVersion.EMPTY : current.getVersion();
    }

    /** A schema behind this build's (a warning: the next open migrates it) or ahead of it (an error). */
    public static List<Finding> compare(String where, MigrationVersion current, MigrationVersion latest) {
        int order = current.compareTo(latest);
        if (order > 0) {
            return List.of(Finding.error(Check.SCHEMA, where,
                    "schema version " + current + " is newer than this build's "
                    + latest, "use a newer statekeeper (this one does not know the newer migrations)"));
        }
        if (order < 0) {
            return List.of(Finding.warning(Check.SCHEMA, where, "schema version " + current + " is behind this build's "
                    + latest, "the pending migrations are applied when the store next opens ('statekeeper init'), unless "
                    + Setting.AUTO_MIGRATE.variable() + "=false"));
        }
        return List.of();
    }

    /** Applied migrations that differ from this build's: checksum or description changed, failed, missing. */
    public List<Finding> drift(String where) {
        List<Finding> findings = new ArrayList<>();
        try {
            ValidateResult result = flyway.validateWithResult();
            for (ValidateOutput invalid : result.invalidMigrations) {
                String version = invalid.version == null || invalid.version.isEmpty() ? "" : "migration V" + invalid.version + ": ";
                findings.add(Finding.error(Check.SCHEMA, where, version + oneLine(invalid.errorDetails.errorMessage),
                        "never edit an applied migration: restore this build's file, or the database from a backup; "
                                + ErrorCode.MIGRATION_DRIFT.fix()));
            }
            if (!result.validationSuccessful && result.invalidMigrations.isEmpty() && result.errorDetails != null) {
                findings.add(Finding.error(Check.SCHEMA, where, oneLine(result.errorDetails.errorMessage),
                        ErrorCode.MIGRATION_DRIFT.fix()));
            }
        } catch (FlywayException e) {
            findings.add(Finding.error(Check.SCHEMA, where,
                    "the migrations could not be compared: " + oneLine(e.getMessage()),
                    ErrorCode.MIGRATION_DRIFT.fix()));
        }
        return findings;
    }

    private static String oneLine(String text) {
        return Arrays.stream(String.valueOf(text).split("\\R")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.joining(" "));
    }
}
