package dev.statekeeper.json;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.events.Origin;
import dev.statekeeper.core.events.Via;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * A second process for the change history's tests: opens the json store in data directory args[0], prints "ready",
 * waits for a line on stdin, creates loop args[1] of project "demo" as actor "other-process" through the CLI, prints
 * "written" and closes the store.
 */
public final class EventWriterProcess {
    private EventWriterProcess() {
    }

    public static void main(String[] args) throws IOException {
        Settings settings = Settings.builder().set(Setting.DATA_DIR, args[0]).set(Setting.JSON_LOCK_TIMEOUT, "60")
                .build();
        try (JsonStateStore store = JsonStateStore.open(settings, Clock.systemUTC())) {
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            Origin.of(Via.CLI, "other-process").call(() -> store.createLoop(new NewLoop("demo", LoopType.SPEC, args[1])));
            System.out.println("written");
            System.out.flush();
        }
    }
}
