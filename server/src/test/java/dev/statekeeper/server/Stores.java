package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.postgres.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real stores for the tests: a SQLite file in a test's directory, or a fresh database on the embedded PostgreSQL. */
final class Stores {
    private Stores() {
    }

    static StateStore sqlite(Path dir) {
        try {
            Path file = Files.createTempDirectory(dir, "store-").resolve("state.db");
            return StateStores.open(Settings.builder().set(Setting.BACKEND, "sqlite")
                    .set(Setting.DATABASE_URL, "sqlite:" + file).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A store in memory, which keeps the change history and the request keys. */
    static StateStore memory() {
        return StateStores.open(Settings.builder().set(Setting.BACKEND, "memory").build());
    }

    static StateStore postgres() {
        PostgresServer server = PostgresServer.shared();
        return StateStores.open(Settings.builder().set(Setting.BACKEND, "postgres")
                .set(Setting.DATABASE_URL, server.url(server.createDatabase()))
                .set(Setting.POOL_MIN_SIZE, "1").set(Setting.POOL_MAX_SIZE, "8").build());
    }

    /**
     * Server settings: any free port, no scheduled doctor runs (these settings do not name the test's store), and the
     * given overrides (setting, value, setting, value...).
     */
    static Settings server(Object... overrides) {
        Settings.Builder b = Settings.builder().set(Setting.SERVER_PORT, "0").set(Setting.DOCTOR_INTERVAL, "0");
        for (int i = 0; i < overrides.length; i += 2) {
            b.set((Setting) overrides[i], (String) overrides[i + 1]);
        }
        return b.build();
    }
}
