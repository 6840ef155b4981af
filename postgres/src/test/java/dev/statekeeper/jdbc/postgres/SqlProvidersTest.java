package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the sqlite and postgres providers claim and say of their stores, and how settings find them by URL. */
class SqlProvidersTest {
    private final StateStoreProvider sqlite = Backends.require("sqlite");
    private final StateStoreProvider postgres = Backends.require("postgres");

    @Test
    void theyAreInstalledInTheirOrderAndTakeADatabaseUrl() {
        assertThat(Backends.names()).containsExactly("memory", "sqlite", "postgres");
        assertThat(Backends.databaseUrlBackends()).containsExactly(sqlite, postgres);
        assertThat(Setting.BACKEND.range()).isEqualTo("memory, sqlite, postgres");
    }

    @Test
    void sqliteClaimsSqliteUrlsThatNameAFile() {
        assertThat(sqlite.claims("sqlite:/x/state.db")).isTrue();
        assertThat(sqlite.claims("postgresql://h/db")).isFalse();
        assertThat(sqlite.urlProblem("sqlite:")).isEqualTo("must name a file after sqlite:");
        assertThat(sqlite.urlProblem("sqlite:x.db")).isNull();
        assertThat(sqlite.locate("sqlite:rel/../state.db")).isEqualTo(Map.of(Setting.DATABASE_URL,
                "sqlite:" + Path.of("state.db").toAbsolutePath()));
        assertThat(sqlite.location(Settings.builder().set(Setting.DATABASE_URL, "sqlite:/data/x.db").build()))
                .isEqualTo("/data/x.db");
        assertThat(sqlite.example()).isEqualTo("sqlite:/path/state.db");
        assertThat(sqlite.durable()).isTrue();
    }

    @Test
    void postgresClaimsBothSchemesAndMasksThePasswordOfItsLocation() {
        assertThat(postgres.schemes()).containsExactly("postgresql://", "postgres://");
        assertThat(postgres.claims("postgres://h/db")).isTrue();
        assertThat(postgres.claims("postgres:h/db")).isFalse();
        assertThat(postgres.locate("postgresql://u:secret@h/db")).isEqualTo(Map.of(Setting.DATABASE_URL,
                "postgresql://u:secret@h/db"));
        assertThat(postgres.location(Settings.builder().set(Setting.DATABASE_URL, "postgresql://u:secret@h/db").build()))
                .isEqualTo("postgresql://u:****@h/db");
        assertThat(postgres.example()).isEqualTo("postgresql://user:pass@host:port/db");
    }

    @Test
    void theSeedsDatabaseStateManagerChoosesTheBackendThatClaimsTheUrl() {
        assertThat(Settings.builder().environment(Map.of("STATE_MANAGER", "database", "DATABASE_URL", "sqlite:/x.db"))
                .build().backend()).isEqualTo("sqlite");
        assertThat(Settings.builder().environment(Map.of("STATE_MANAGER", "Database", "DATABASE_URL", "postgres://h/db"))
                .build().backend()).isEqualTo("postgres");
        assertThatThrownBy(() -> Settings.builder().environment(Map.of("DATABASE_URL", "json:/x")).build())
                .hasMessage("invalid settings: DATABASE_URL = 'json:/x': must start with postgresql:// or sqlite: (from "
                        + "the environment)");
    }
}
