package dev.statekeeper.json;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the json provider claims and says of its stores: a {@code json:} URL names the data directory. */
class JsonProviderTest {
    private final StateStoreProvider json = Backends.require("json");

    @Test
    void itClaimsJsonUrlsThatNameADirectoryAndKeepsItsPlaceOutOfDatabaseUrl() {
        assertThat(Backends.names()).containsExactly("memory", "json");
        assertThat(json.claims("json:/data")).isTrue();
        assertThat(json.urlProblem("json:")).isEqualTo("must name a directory after json:");
        assertThat(json.locate("json:rel/./dir")).isEqualTo(Map.of(Setting.DATA_DIR,
                Path.of("rel/dir").toAbsolutePath().toString()));
        assertThat(json.location(Settings.builder().set(Setting.DATA_DIR, "/data").build())).isEqualTo("/data/state.json");
        assertThat(json.example()).isEqualTo("json:/dir");
        assertThat(json.takesDatabaseUrl()).isFalse();
        assertThat(Backends.databaseUrlBackends()).isEmpty();
    }
}
