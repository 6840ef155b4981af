package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.time.Clock;

/**
 * The second process of {@link SqliteOperationLogTest}: opens the store on the file args[0] with
 * {@link StateStores#open}, reads loop args[1] args[2] times, closes the store (which writes its operation log) and
 * prints "done".
 */
public final class OperationLogProcess {
    private OperationLogProcess() {
    }

    public static void main(String[] args) {
        Settings settings = Settings.builder().set(Setting.DATABASE_URL, "sqlite:" + args[0])
                .set(Setting.SQLITE_BUSY_TIMEOUT, "30").build();
        try (StateStore store = StateStores.open(settings, Clock.systemUTC())) {
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                store.getLoop(args[1]);
            }
        }
        System.out.println("done");
    }
}
