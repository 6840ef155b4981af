package dev.statekeeper.json;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * A second process for the operation log's tests: opens the json store in data directory args[0] through
 * StateStores.open, prints "ready", waits for a line on stdin so that both processes run together, then reads loop
 * args[1] args[2] times, writing its operation log after each read (so its appends meet the other process's), closes
 * the store and prints "done" and the log's problem.
 */
public final class OperationLogWriterProcess {
    private OperationLogWriterProcess() {
    }

    public static void main(String[] args) throws IOException {
        Settings settings = Settings.builder().set(Setting.BACKEND, JsonStoreProvider.NAME).set(Setting.DATA_DIR, args[0])
                .set(Setting.JSON_LOCK_TIMEOUT, "60").build();
        int count = Integer.parseInt(args[2]);
        String problem;
        try (StateStore store = StateStores.open(settings, Clock.systemUTC())) {
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            for (int i = 0; i < count; i++) {
                store.getLoop(args[1]);
                store.operationLog().flush();
            }
            problem = store.operationLog().problem();
        }
        System.out.println("done");
        System.out.println("problem: " + problem);
    }
}
