package dev.statekeeper.doctor.common;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code backup-integrity}: the newest backup would restore: its manifest reads, and the SHA-256 of its export
 * matches the manifest's, checked without restoring anything (it reads the whole export: not cheap). A damaged
 * newest backup is P1: the one a restore would reach for first is not there.
 */
final class BackupIntegrityCheck implements Check<Object> {
    @Override
    public String id() {
        return "backup-integrity";
    }

    @Override
    public String title() {
        return "The newest backup is intact";
    }

    @Override
    public boolean cheap() {
        return false;
    }

    @Override
    public boolean needsConnection() {
        return false;
    }

    @Override
    public CheckResult run(Object handle, CheckContext context) throws IOException {
        CheckResult.Builder result = CheckResult.of(this);
        String backend = context.settings().backend();
        if (!Backends.named(backend).map(StateStoreProvider::durable).orElse(true)) {
            return result.skipped("the " + backend + " backend keeps nothing outside the process: there is nothing "
                    + "to back up");
        }
        Path directory = BackupFiles.directory(context.settings());
        result.evidence("directory", directory.toString()).threshold("the newest backup's manifest reads and the "
                + "SHA-256 of its export matches it");
        Optional<BackupFiles.Found> newest = BackupFiles.newest(directory);
        if (newest.isEmpty()) {
            return result.skipped("no backup in '" + directory + "' yet (see backup-age)");
        }
        BackupFiles.Found backup = newest.get();
        result.evidence("newest", backup.name());
        String damage = backup.damage();
        if (damage == null) {
            result.evidence("file", backup.exportFile().toString()).evidence("bytes", backup.bytes())
                    .evidence("sha256", backup.sha256());
            damage = BackupFiles.damage(backup);
        }
        if (damage == null) {
            return result.ok("the SHA-256 of backup " + backup.name() + " matches its manifest");
        }
        return result.runbook("take a new backup now ('statekeeper db backup') and check it ('statekeeper doctor "
                        + "--check backup-integrity'); find what changed the old one (a disk error, a copy cut short, an "
                        + "edit) and keep it aside rather than restore from it; older backups may still be intact "
                        + "('statekeeper db backups')")
                .fix(Fix.manual("statekeeper db backup", "remove the new backup's directory (the store is unchanged)"))
                .finding(Severity.P1, damage);
    }
}
