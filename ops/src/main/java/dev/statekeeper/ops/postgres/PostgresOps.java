package dev.statekeeper.ops.postgres;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.migration.Migrator;
import dev.statekeeper.jdbc.postgres.PostgresStateStore;
import dev.statekeeper.jdbc.postgres.PostgresStoreProvider;
import dev.statekeeper.ops.BackendOps;
import dev.statekeeper.ops.RecoverReport;
import dev.statekeeper.ops.RepairReport;
import dev.statekeeper.ops.VerifyReport;

import java.time.Clock;
import java.util.Optional;

/** The postgres backend's hooks, on the database DATABASE_URL names. A database is not salvaged but restored. */
public final class PostgresOps implements BackendOps {
    @Override
    public String backend() {
        return PostgresStoreProvider.NAME;
    }

    @Override
    public VerifyReport verify(Settings settings, Clock clock) {
        return PostgresVerifier.verify(settings);
    }

    @Override
    public RepairReport repair(Settings settings, Clock clock, String stamp, String statekeeperVersion) {
        return PostgresRepairer.repair(settings, clock, stamp, statekeeperVersion);
    }

    @Override
    public RecoverReport recover(Settings settings, Clock clock, String stamp, boolean backupFirst) {
        throw new StatekeeperException(ErrorCode.USAGE, "db recover salvages damaged SQLite and json files; a "
                + "PostgreSQL database is restored from its backups instead (pg_restore of a pg_dump, or point-in-time "
                + "recovery from archived WAL)");
    }

    @Override
    public Optional<Migrator> migrator(Settings settings) {
        return Optional.of(PostgresStateStore.migrator(settings));
    }
}
