package dev.statekeeper.doctor.maintain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs steps in order, timing each; after a failed one the rest are not run. In a dry run, only lists them. */
final class Steps {
    /** One step's work; its outcome text ("ok", "3 pages freed"), or throws. */
    interface Work {
        String run() throws Exception;
    }

    private final boolean dryRun;
    private final List<MaintenanceRun.Step> done = new ArrayList<>();
    private String failure;

    Steps(boolean dryRun) {
        this.dryRun = dryRun;
    }

    void run(String action, Work work) {
        if (failure != null) {
            return;
        }
        if (dryRun) {
            done.add(new MaintenanceRun.Step(action, 0, "would run"));
            return;
        }
        long start = System.nanoTime();
        try {
            String outcome = work.run();
            done.add(new MaintenanceRun.Step(action, millis(start), outcome));
        } catch (Exception e) {
            failure = action + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
            done.add(new MaintenanceRun.Step(action, millis(start), "failed: " + failure));
        }
    }

    /** A step that is not run, with the reason (a dry run lists it the same way). */
    void skip(String action, String reason) {
        if (failure == null) {
            done.add(new MaintenanceRun.Step(action, 0, "skipped: " + reason));
        }
    }

    List<MaintenanceRun.Step> steps() {
        return done;
    }

    String result() {
        return failure == null ? "ok" : "failed: " + failure;
    }

    private static long millis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
