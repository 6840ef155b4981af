package dev.statekeeper.doctor.common;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;
import dev.statekeeper.doctor.maintain.MaintenanceLog;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code maintenance-age}: {@code statekeeper db maintain} ran within STATEKEEPER_DOCTOR_MAINTENANCE_AGE (7 days) on a
 * store with writes (seed 003: "check the maintenance log"). P3 when the last successful run is older and loops were
 * written since, or when none is recorded and the oldest loop is older than that; a store without loops needs none.
 * The log is read on a read-only connection of the check's own (json: the sidecar beside the file, and the file's
 * times stand for its writes).
 */
final class MaintenanceAgeCheck implements Check<Object> {
    @Override
    public String id() {
        return "maintenance-age";
    }

    @Override
    public String title() {
        return "Routine maintenance ran recently";
    }

    @Override
    public boolean cheap() {
        return false;
    }

    @Override
    public CheckResult run(Object handle, CheckContext context) throws Exception {
        CheckResult.Builder result = CheckResult.of(this);
        String backend = context.settings().backend();
        if (!Backends.named(backend).map(StateStoreProvider::durable).orElse(true) || backend.equals("memory")) {
            return result.skipped("the " + backend + " backend keeps nothing to maintain");
        }
        Duration limit = context.seconds(Setting.DOCTOR_MAINTENANCE_AGE);
        MaintenanceLog.Activity activity = MaintenanceLog.activity(context.settings());
        Instant now = context.now();
        result.threshold("'statekeeper db maintain' within " + days(limit) + " days on a store with writes ("
                        + context.named(Setting.DOCTOR_MAINTENANCE_AGE) + ")")
                .evidence("lastMaintenance", activity.lastMaintenance().map(Instant::toString).orElse(null))
                .evidence("lastWrite", activity.lastWrite().map(Instant::toString).orElse(null))
                .runbook("run 'statekeeper db maintain' now (add --dry-run to see what it runs) and schedule it weekly "
                        + "(cron, a systemd timer) in a quiet hour; it records each run in the maintenance log")
                .fix(Fix.manual("statekeeper db maintain", "nothing to undo: maintenance keeps every record"));
        if (activity.lastWrite().isEmpty()) {
            return result.fix(null).ok("no loops written yet: nothing to maintain");
        }
        if (activity.lastMaintenance().isPresent()) {
            Instant last = activity.lastMaintenance().get();
            Duration age = Duration.between(last, now);
            result.evidence("ageDays", Math.floor(age.toHours() / 2.4) / 10.0);
            if (age.compareTo(limit) <= 0 || !activity.lastWrite().get().isAfter(last)) {
                return result.fix(null).ok("the last maintenance ran " + describe(age) + " ago");
            }
            return result.finding(Severity.P3, "the last maintenance ran " + describe(age) + " ago, and loops were "
                    + "written since");
        }
        Duration since = Duration.between(activity.firstWrite().orElse(now), now);
        if (since.compareTo(limit) <= 0) {
            return result.fix(null).ok("no maintenance recorded yet; the oldest loop is " + describe(since) + " old");
        }
        return result.finding(Severity.P3, "no maintenance recorded, and the oldest loop is " + describe(since) + " old");
    }

    private static String days(Duration d) {
        double days = d.toMinutes() / 1440.0;
        return days == Math.rint(days) ? String.valueOf((long) days) : String.valueOf(Math.round(days * 10) / 10.0);
    }

    private static String describe(Duration age) {
        return age.toDays() >= 2 ? age.toDays() + " days" : age.toHours() >= 1 ? age.toHours() + " h"
                : Math.max(0, age.toMinutes()) + " min";
    }
}
