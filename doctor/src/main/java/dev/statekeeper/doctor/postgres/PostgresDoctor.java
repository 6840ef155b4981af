package dev.statekeeper.doctor.postgres;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Connected;
import dev.statekeeper.doctor.DoctorBackend;
import dev.statekeeper.doctor.FixOutcome;
import dev.statekeeper.core.perf.OperationLog;
import dev.statekeeper.doctor.common.CommonChecks;
import dev.statekeeper.jdbc.postgres.PostgresStateStore;
import dev.statekeeper.jdbc.postgres.PostgresStoreProvider;
import org.postgresql.PGConnection;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The doctor's checks of a PostgreSQL database (DATABASE_URL), over one connection of its own in which every
 * transaction is read-only ({@link PostgresConnect}). Database-wide: other applications' sessions and tables load
 * the server Statekeeper shares, so they are checked too; sessions of other databases are not.
 */
public final class PostgresDoctor implements DoctorBackend<PostgresHandle> {
    @Override
    public String backend() {
        return PostgresStoreProvider.NAME;
    }

    @Override
    public Connected<PostgresHandle> connect(CheckContext context) {
        return PostgresConnect.connect(context);
    }

    @Override
    public Optional<OperationLog> storedOperationLog(PostgresHandle handle, CheckContext context) {
        return Optional.of(PostgresStateStore.storedOperationLog(handle.connection(), context.settings(),
                context.clock()));
    }

    @Override
    public List<Check<? super PostgresHandle>> checks() {
        List<Check<? super PostgresHandle>> checks = new ArrayList<>();
        checks.add(new ServerConnectionsCheck());
        checks.add(CommonChecks.poolUsage());
        checks.add(SessionAgeCheck.longRunningQueries());
        checks.add(SessionAgeCheck.idleInTransaction());
        checks.add(new BlockedQueriesCheck());
        checks.add(WraparoundCheck.transactionIds());
        checks.add(WraparoundCheck.multixactIds());
        checks.add(new SequenceExhaustionCheck());
        checks.add(new InvalidIndexesCheck());
        checks.add(new DeadTuplesCheck());
        checks.add(MaintenanceAgeCheck.vacuum());
        checks.add(MaintenanceAgeCheck.analyze());
        checks.add(new UnusedIndexesCheck());
        checks.add(new DuplicateIndexesCheck());
        checks.add(new MissingFkIndexesCheck());
        checks.add(new TrigramCheck());
        checks.add(new SslCheck());
        checks.add(new SlowQueriesCheck());
        checks.add(BloatCheck.tables());
        checks.add(BloatCheck.indexes());
        checks.add(new PgDiskSpaceCheck());
        checks.add(new ReplicationCheck());
        // last: their window runs from the connect through the other checks, so they rarely wait
        checks.add(HitRatioCheck.tables());
        checks.add(HitRatioCheck.indexes());
        return checks;
    }

    /** Cancels the statement the handle runs (a cancel request on a connection of the driver's own). */
    @Override
    public void interrupt(PostgresHandle handle) {
        try {
            handle.connection().unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException e) {
            // the check's thread is interrupted either way, and the statement ends at its statement_timeout
        }
    }

    @Override
    public FixOutcome apply(Settings settings, CheckResult finding) {
        return PostgresFixes.apply(settings, finding);
    }
}
