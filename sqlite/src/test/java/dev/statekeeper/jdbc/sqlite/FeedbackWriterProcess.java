package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import static dev.statekeeper.testkit.Fixtures.feedback;

/**
 * The second process of {@link SqliteTwoProcessTest}: opens the store on the file named by args[0], prints
 * "ready", waits for a line on stdin so both processes start writing together, appends args[2] feedback
 * entries to loop args[1], then prints "done".
 */
public final class FeedbackWriterProcess {
    private FeedbackWriterProcess() {
    }

    public static void main(String[] args) throws IOException {
        Settings settings = Settings.builder().set(Setting.DATABASE_URL, "sqlite:" + args[0])
                .set(Setting.SQLITE_BUSY_TIMEOUT, "30").build();
        try (StateStore store = SqliteStateStore.open(settings, Clock.systemUTC())) {
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                store.addFeedback(args[1], feedback(2, i % 101));
            }
        }
        System.out.println("done");
    }
}
