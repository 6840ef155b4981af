package dev.statekeeper.json;

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
 * A second process for the tests: opens the json store in data directory args[0], prints "ready", waits for a
 * line on stdin so that both processes start writing together, then appends feedback of iteration args[2] to
 * loop args[1], printing "written" after each, args[3] times or "forever"; then prints "done".
 */
public final class FeedbackWriterProcess {
    private FeedbackWriterProcess() {
    }

    public static void main(String[] args) throws IOException {
        Settings settings = Settings.builder().set(Setting.DATA_DIR, args[0])
                .set(Setting.JSON_LOCK_TIMEOUT, "60").build();
        int iteration = Integer.parseInt(args[2]);
        long count = args[3].equals("forever") ? Long.MAX_VALUE : Long.parseLong(args[3]);
        try (StateStore store = JsonStateStore.open(settings, Clock.systemUTC())) {
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            for (long i = 0; i < count; i++) {
                store.addFeedback(args[1], feedback(iteration, (int) (i % 101)));
                System.out.println("written");
                System.out.flush();
            }
        }
        System.out.println("done");
    }
}
