package dev.statekeeper.ops.sqlite;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.internal.io.StoreFiles;
import dev.statekeeper.jdbc.migration.Migrator;
import dev.statekeeper.jdbc.sqlite.SqliteStateStore;
import dev.statekeeper.jdbc.sqlite.SqliteStoreProvider;
import dev.statekeeper.ops.BackendOps;
import dev.statekeeper.ops.RecoverReport;
import dev.statekeeper.ops.RepairReport;
import dev.statekeeper.ops.VerifyReport;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** The sqlite backend's hooks, on the file {@link Settings#sqlitePath()}. */
public final class SqliteOps implements BackendOps {
    @Override
    public String backend() {
        return SqliteStoreProvider.NAME;
    }

    @Override
    public VerifyReport verify(Settings settings, Clock clock) {
        return SqliteVerifier.verify(file(settings), settings.loopHistorySize());
    }

    @Override
    public RepairReport repair(Settings settings, Clock clock, String stamp, String statekeeperVersion) {
        return SqliteRepairer.repair(file(settings), settings.loopHistorySize(),
                settings.seconds(Setting.SQLITE_BUSY_TIMEOUT), settings.dataDir(), stamp);
    }

    @Override
    public RecoverReport recover(Settings settings, Clock clock, String stamp, boolean backupFirst) {
        return SqliteRecoverer.recover(file(settings), settings, clock, stamp, backupFirst);
    }

    @Override
    public Optional<Migrator> migrator(Settings settings) {
        return Optional.of(SqliteStateStore.migrator(settings));
    }

    /** The SQLite file of the settings, refused when the path holds a device, a FIFO or a directory. */
    private static Path file(Settings settings) {
        return StoreFiles.requireFileOrNothing(settings.sqlitePath().toAbsolutePath(), "sqlite database");
    }
}
