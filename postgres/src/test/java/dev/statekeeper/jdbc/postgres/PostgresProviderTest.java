package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The backend is found by name, from the environment a user or the seed's tools would set. */
class PostgresProviderTest {

    @Test
    void statekeeperBackendPostgresOpensIt() {
        try (StateStore store = openWith("STATEKEEPER_BACKEND", "postgres")) {
            assertThat(store.toString()).startsWith(PostgresStateStore.class.getName() + "@"); // under the timing wrapper
        }
    }

    @Test
    void theSeedsStateManagerDatabaseOpensItFromAPostgresUrl() {
        try (StateStore store = openWith("STATE_MANAGER", "database")) {
            assertThat(store.info().backend()).isEqualTo("postgres");
        }
    }

    /** Opens the store an environment with this variable and a DATABASE_URL of a fresh database names. */
    private static StateStore openWith(String variable, String value) {
        String url = FreshPostgresStores.server().url(FreshPostgresStores.migratedDatabase());
        return StateStores.open(Settings.builder().environment(Map.of(variable, value, "DATABASE_URL", url,
                "DATABASE_POOL_MIN_SIZE", "1")).build(), new TestClock());
    }
}
