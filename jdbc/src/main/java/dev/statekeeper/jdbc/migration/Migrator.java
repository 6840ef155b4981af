package dev.statekeeper.jdbc.migration;

import dev.statekeeper.jdbc.internal.flyway.QuietFlywayLog;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateOutput;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@code db migrate} of one database, with Flyway but without opening it as a store (a store that is behind refuses
 * to open while STATEKEEPER_AUTO_MIGRATE=false): {@link #status()} compares the database's history with this
 * build's migrations, {@link #migrate} applies the pending ones, or with a dry run only names them. It refuses to
 * apply anything over drift. Migrators that run at once apply each migration once: on PostgreSQL Flyway holds an
 * advisory lock; on SQLite each migration runs in a {@code BEGIN IMMEDIATE} transaction that reads the history
 * again first, so the second migrator waits (up to the busy timeout) and then finds it applied.
 */
public final class Migrator {
    /** What {@link #migrate} did: the migrations it applied (or, in a dry run, would apply) and the status after. */
    public record Outcome(List<Migration> migrations, MigrationReport after, boolean dryRun) {
    }

    private final String backend;
    private final String location;
    private final String subject;
    private final String scripts;
    private final Supplier<DataSource> reader;
    private final Supplier<DataSource> writer;
    private final Function<RuntimeException, StatekeeperException> translate;

    /**
     * @param backend   sqlite or postgres
     * @param location  where the database is, as {@code db status} shows it (no password)
     * @param subject   the database as messages name it: "sqlite database '/path/state.db'"
     * @param scripts   this build's migrations, e.g. {@code classpath:db/migration/sqlite}
     * @param reader    connections that read the history and write nothing
     * @param writer    connections that migrate
     * @param translate a Flyway failure (always a {@code FlywayException}; typed wider so that Flyway stays out of
     *                  this module's API) as the backend reports it (unreachable, busy, read-only, drift)
     */
    public Migrator(String backend, String location, String subject, String scripts, Supplier<DataSource> reader,
                    Supplier<DataSource> writer, Function<RuntimeException, StatekeeperException> translate) {
        this.backend = backend;
        this.location = location;
        this.subject = subject;
        this.scripts = scripts;
        this.reader = reader;
        this.writer = writer;
        this.translate = translate;
    }

    /** Every migration of this build and of the database, with its state; changes nothing. */
    public MigrationReport status() {
        try {
            MigrationInfo[] all = flyway(reader.get()).info().all();
            List<Migration> migrations = Arrays.stream(all)
                    .filter(m -> m.getVersion() != null && !m.getType().isSynthetic())
                    .sorted(Comparator.comparing(MigrationInfo::getVersion, MigrationVersion::compareTo))
                    .map(Migrator::migration).toList();
            String latest = Arrays.stream(all).filter(m -> m.getVersion() != null && m.getState().isResolved())
                    .map(MigrationInfo::getVersion).max(MigrationVersion::compareTo).map(MigrationVersion::getVersion)
                    .orElse("0");
            String current = migrations.stream().filter(m -> m.appliedAt() != null && m.state() != MigrationState.FAILED)
                    .map(m -> MigrationVersion.fromVersion(m.version())).max(MigrationVersion::compareTo)
                    .map(MigrationVersion::getVersion).orElse("0");
            return new MigrationReport(backend, location, current, latest, migrations);
        } catch (FlywayException e) {
            throw translate.apply(e);
        }
    }

    /**
     * Applies the pending migrations in order, each in its own transaction, or with {@code dryRun} names them and
     * writes nothing. MIGRATION_DRIFT, with nothing applied, when the database has drift.
     */
    public Outcome migrate(boolean dryRun) {
        MigrationReport before = status();
        List<Migration> drift = before.drift();
        if (!drift.isEmpty()) {
            throw new StatekeeperException(ErrorCode.MIGRATION_DRIFT, subject + " has migrations that do not match this build's, so none was applied: "
                    + drift.stream().map(Migration::problem).collect(Collectors.joining("; ")));
        }
        if (dryRun || before.pending().isEmpty()) {
            return new Outcome(dryRun ? before.pending() : List.of(), before, dryRun);
        }
        List<MigrateOutput> applied;
        try {
            applied = flyway(writer.get()).migrate().migrations;
        } catch (FlywayException e) {
            throw translate.apply(e);
        }
        Set<String> versions = applied.stream().map(m -> m.version).filter(Objects::nonNull).collect(Collectors.toSet());
        MigrationReport after = status();
        return new Outcome(after.migrations().stream().filter(m -> versions.contains(m.version())).toList(), after,
                false);
    }

    private Flyway flyway(DataSource source) {
        return Flyway.configure(Migrator.class.getClassLoader())
                .loggers(QuietFlywayLog.name())
                .dataSource(source)
                .locations(scripts)
                .failOnMissingLocations(true)
                .load();
    }

    private static Migration migration(MigrationInfo info) {
        boolean applied = info.getInstalledOn() != null;
        boolean known = info.getState().isResolved();
        MigrationState state;
        if (info.getState().isFailed()) {
            state = MigrationState.FAILED;
        } else if (!applied) {
            state = MigrationState.PENDING;
        } else if (!known) {
            state = info.getState() == org.flywaydb.core.api.MigrationState.FUTURE_SUCCESS ? MigrationState.NEWER
                    : MigrationState.UNKNOWN;
        } else if (!Objects.equals(info.getAppliedChecksum(), info.getResolvedChecksum())) {
            state = MigrationState.CHECKSUM_MISMATCH;
        } else {
            state = MigrationState.APPLIED;
        }
        return new Migration(info.getVersion().getVersion(), info.getDescription(),
                applied ? info.getAppliedChecksum() : info.getResolvedChecksum(), known ? info.getResolvedChecksum() : null,
                applied ? info.getInstalledOn().toInstant() : null, state);
    }
}
