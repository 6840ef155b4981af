package dev.statekeeper.core.api;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Core alone, as an embedder that depends on nothing else has it: the memory backend is the only one installed, and
 * what the settings take and the errors list come from it (the built-ins together are tested in the CLI's tree).
 */
class BackendsTest {
    @Test
    void coreAloneHasTheMemoryBackend() {
        assertThat(Backends.names()).containsExactly("memory");
        assertThat(Setting.BACKEND.range()).isEqualTo("memory");
        assertThat(Backends.claiming("memory:")).map(StateStoreProvider::name).contains("memory");
        assertThat(Backends.claiming("sqlite:/x.db")).isEmpty();
        try (StateStore store = StateStores.open(Settings.builder().set(Setting.BACKEND, "memory").build())) {
            assertThat(store.info().backend()).isEqualTo("memory");
        }
    }

    @Test
    void aBackendOrUrlThatNoInstalledBackendClaimsIsRefusedNamingTheInstalledOnes() {
        assertThatThrownBy(() -> Settings.builder().environment(Map.of("STATEKEEPER_BACKEND", "sqlite")).build())
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessage("invalid settings: STATEKEEPER_BACKEND = 'sqlite': must be one of memory (from the "
                        + "environment)");
        assertThatThrownBy(() -> Settings.builder().environment(Map.of("DATABASE_URL", "sqlite:/x.db")).build())
                .hasMessage("invalid settings: DATABASE_URL = 'sqlite:/x.db': names no store: none of the installed "
                        + "backends (memory) keeps its location in a URL (from the environment)");
    }

    @Test
    void theDefaultBackendNeedNotBeInstalledUntilAStoreIsOpened() {
        Settings defaults = Settings.defaults();

        assertThat(defaults.backend()).isEqualTo("sqlite");
        assertThat(defaults.problems()).isEmpty();
        assertThatThrownBy(() -> StateStores.open(defaults))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessage("STATEKEEPER_BACKEND = sqlite: this build has no such backend (available: memory)");
    }

    @Test
    void theMemoryBackendSaysWhatItIs() {
        StateStoreProvider memory = Backends.require("memory");

        assertThat(memory.schemes()).containsExactly("memory:");
        assertThat(memory.example()).isEqualTo("memory:");
        assertThat(memory.urlProblem("memory:")).isNull();
        assertThat(memory.urlProblem("memory:/tmp")).isEqualTo("must end after memory: (a memory store has no location)");
        assertThat(memory.locate("memory:")).isEmpty();
        assertThat(memory.location(Settings.defaults())).isEqualTo("in-process memory");
        assertThat(memory.durable()).isFalse();
        assertThat(memory.takesDatabaseUrl()).isFalse();
    }
}
