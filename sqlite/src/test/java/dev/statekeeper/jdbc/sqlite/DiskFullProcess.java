package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.StatekeeperException;

import java.time.Clock;

/**
 * The second process of {@link SqliteDiskFullTest}, run on a small filesystem of its own: appends feedback with
 * big summaries until the disk is full, then prints the error's code and message, and how many entries the
 * loop still has after reopening the store.
 */
public final class DiskFullProcess {
    private DiskFullProcess() {
    }

    public static void main(String[] args) {
        Settings settings = Settings.builder().set(Setting.DATABASE_URL, "sqlite:" + args[0])
                .set(Setting.RETRY_ATTEMPTS, "1").build();
        String id;
        int appended = 0;
        StatekeeperException failure = null;
        try (SqliteStateStore store = SqliteStateStore.open(settings, Clock.systemUTC())) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            id = loop.id();
            String big = "x".repeat(16_000);
            while (failure == null && appended < 10_000) {
                try {
                    store.addFeedback(id, CriticFeedback.builder().criticAgent("critic").iteration(1).overallScore(50)
                            .assessmentSummary(big).build());
                    appended++;
                } catch (StatekeeperException e) {
                    failure = e;
                }
            }
        }
        System.out.println(failure == null ? "no failure" : failure.code() + " " + failure.getMessage());
        try (SqliteStateStore reopened = SqliteStateStore.open(settings, Clock.systemUTC())) {
            System.out.println("appended " + appended + ", kept " + reopened.getLoop(id).feedback().size());
        }
    }
}
