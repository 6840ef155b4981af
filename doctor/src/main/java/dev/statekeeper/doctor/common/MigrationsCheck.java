package dev.statekeeper.doctor.common;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.jdbc.migration.Migration;
import dev.statekeeper.jdbc.migration.MigrationReport;
import dev.statekeeper.jdbc.migration.MigrationState;
import dev.statekeeper.jdbc.migration.Migrator;
import dev.statekeeper.ops.Ops;

import java.util.List;
import java.util.Optional;

/**
 * {@code migrations}: the database's migration history against this build's ({@code db migrate status}, read-only):
 * a migration applied by a newer build (this one cannot open the store: P0), failed, changed or unknown ones (drift:
 * P1, and {@code db migrate} refuses to run over it), pending ones (P0 when STATEKEEPER_AUTO_MIGRATE=false, as the
 * store then refuses to open; else P3, applied when the store next opens). For every backend whose ops hooks have a
 * {@link Migrator}; starting Flyway takes a few hundred milliseconds, so it is not cheap.
 */
final class MigrationsCheck implements Check<Object> {
    @Override
    public String id() {
        return "migrations";
    }

    @Override
    public String title() {
        return "Schema migrations match this build";
    }

    @Override
    public boolean cheap() {
        return false;
    }

    @Override
    public CheckResult run(Object handle, CheckContext context) {
        CheckResult.Builder result = CheckResult.of(this);
        Optional<Migrator> migrator = Ops.migrator(context.settings());
        if (migrator.isEmpty()) {
            return result.skipped("the " + context.settings().backend() + " backend has no schema migrations");
        }
        MigrationReport report = migrator.get().status();
        List<Migration> drift = report.drift();
        List<Migration> pending = report.pending();
        boolean autoMigrate = context.settings().flag(Setting.AUTO_MIGRATE);
        result.evidence("schemaVersion", report.schemaVersion()).evidence("latest", report.latest())
                .evidence("pending", pending.stream().map(Migration::name).toList())
                .evidence("drift", drift.stream().map(Migration::problem).toList())
                .threshold("every migration of this build applied, none failed, changed or unknown");
        if (!drift.isEmpty()) {
            boolean newer = drift.stream().anyMatch(m -> m.state() == MigrationState.NEWER);
            return result.runbook("'statekeeper db migrate status' shows each migration; " + drift.getFirst().state().advice())
                    .finding(newer ? Severity.P0 : Severity.P1, "the schema differs from this build's migrations: "
                            + drift.getFirst().problem() + (drift.size() > 1 ? " (and " + (drift.size() - 1) + " more)" : ""));
        }
        if (pending.isEmpty()) {
            return result.ok("the schema is at version " + report.schemaVersion() + ", this build's latest");
        }
        result.runbook("'statekeeper db migrate --dry-run' names them; take a backup ('statekeeper db backup'), then "
                        + "'statekeeper db migrate' applies them")
                .fix(Fix.manual("statekeeper db migrate", "restore the backup taken before ('statekeeper db restore NAME')"));
        String which = pending.size() + " migration(s) pending (" + pending.getFirst().name()
                + (pending.size() > 1 ? " ..." : "") + ")";
        return autoMigrate ? result.finding(Severity.P3, which + ": applied when the store next opens")
                : result.finding(Severity.P0, which + " and " + Setting.AUTO_MIGRATE.variable() + "=false: the store "
                        + "refuses to open until 'statekeeper db migrate'");
    }
}
