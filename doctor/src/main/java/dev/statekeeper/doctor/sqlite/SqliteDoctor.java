package dev.statekeeper.doctor.sqlite;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Connected;
import dev.statekeeper.doctor.DoctorBackend;
import dev.statekeeper.doctor.FixOutcome;
import dev.statekeeper.doctor.common.DiskSpaceCheck;
import dev.statekeeper.core.perf.OperationLog;
import dev.statekeeper.jdbc.sqlite.SqliteStateStore;
import dev.statekeeper.jdbc.sqlite.SqliteStoreProvider;
import org.sqlite.SQLiteConnection;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The doctor's checks of a SQLite file ({@link Settings#sqlitePath()}), over one read-only connection of its own. */
public final class SqliteDoctor implements DoctorBackend<SqliteHandle> {
    @Override
    public String backend() {
        return SqliteStoreProvider.NAME;
    }

    @Override
    public Connected<SqliteHandle> connect(CheckContext context) {
        return SqliteConnect.connect(context.settings().sqlitePath().toAbsolutePath());
    }

    @Override
    public Optional<OperationLog> storedOperationLog(SqliteHandle handle, CheckContext context) {
        return Optional.of(SqliteStateStore.storedOperationLog(handle.connection(), context.settings(),
                context.clock()));
    }

    @Override
    public List<Check<? super SqliteHandle>> checks() {
        return List.of(new IntegrityCheck(), new ForeignKeysCheck(), new JournalModeCheck(), new FreelistCheck(),
                new WalSizeCheck(), new StatsAgeCheck(),
                new DiskSpaceCheck(settings -> settings.sqlitePath().toAbsolutePath().getParent()));
    }

    @Override
    public void interrupt(SqliteHandle handle) {
        try {
            handle.connection().unwrap(SQLiteConnection.class).getDatabase().interrupt();
        } catch (SQLException e) {
            // the check's thread is interrupted either way
        }
    }

    @Override
    public FixOutcome apply(Settings settings, CheckResult finding) {
        return SqliteFixes.apply(settings, finding);
    }
}
