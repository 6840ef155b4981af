package dev.statekeeper.doctor.common;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code backup-age}: the newest readable backup in {@code <data dir>/backups} is younger than twice
 * STATEKEEPER_BACKUP_INTERVAL (HalluciFix's rule: one missed backup is allowed, two are not). Older: P2. None yet:
 * P3 (a new store has none, and that is no emergency). A backend whose stores are not durable has nothing to back up.
 */
final class BackupAgeCheck implements Check<Object> {
    @Override
    public String id() {
        return "backup-age";
    }

    @Override
    public String title() {
        return "A recent backup exists";
    }

    @Override
    public boolean cheap() {
        return true;
    }

    @Override
    public boolean needsConnection() {
        return false;
    }

    @Override
    public CheckResult run(Object handle, CheckContext context) {
        CheckResult.Builder result = CheckResult.of(this);
        String backend = context.settings().backend();
        if (!Backends.named(backend).map(StateStoreProvider::durable).orElse(true)) {
            return result.skipped("the " + backend + " backend keeps nothing outside the process: there is nothing "
                    + "to back up");
        }
        Path directory = BackupFiles.directory(context.settings());
        Duration interval = context.seconds(Setting.BACKUP_INTERVAL);
        Duration limit = interval.multipliedBy(2);
        result.evidence("directory", directory.toString())
                .threshold("newest backup younger than " + hours(limit) + " h (2 x "
                        + context.named(Setting.BACKUP_INTERVAL) + ")")
                .runbook("take one now ('statekeeper db backup') and schedule it every " + hours(interval)
                        + " h (cron, a systemd timer); 'statekeeper db backups' lists what there is; keep copies off "
                        + "this machine too")
                .fix(Fix.manual("statekeeper db backup", "remove the new backup's directory (the store is unchanged)"));
        Optional<BackupFiles.Found> newest = BackupFiles.newestReadable(directory);
        if (newest.isEmpty()) {
            return result.finding(Severity.P3, "no backup in '" + directory + "' yet");
        }
        BackupFiles.Found backup = newest.get();
        Duration age = Duration.between(backup.createdAt(), context.now());
        result.evidence("newest", backup.name()).evidence("createdAt", backup.createdAt().toString())
                .evidence("ageHours", Math.floor(age.toMinutes() / 6.0) / 10.0);
        if (age.compareTo(limit) <= 0) {
            return result.fix(null).ok("the newest backup, " + backup.name() + ", is " + describe(age) + " old");
        }
        return result.finding(Severity.P2, "the newest backup, " + backup.name() + ", is " + describe(age)
                + " old: more than twice the backup interval of " + hours(interval) + " h");
    }

    private static String hours(Duration d) {
        double h = d.toMinutes() / 60.0;
        return h == Math.rint(h) ? String.valueOf((long) h) : String.valueOf(Math.round(h * 10) / 10.0);
    }

    private static String describe(Duration age) {
        return age.toHours() >= 48 ? age.toDays() + " days" : age.toHours() >= 1 ? age.toHours() + " h"
                : Math.max(0, age.toMinutes()) + " min";
    }
}
