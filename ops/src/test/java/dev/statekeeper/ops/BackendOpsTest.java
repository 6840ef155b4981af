package dev.statekeeper.ops;

import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's hooks are found per backend through {@link BackendOps}, for every built-in one. */
class BackendOpsTest {
    @TempDir
    Path dir;

    @Test
    void everyBuiltInBackendHasItsHooks() {
        assertThat(Backends.names()).containsExactly("memory", "json", "sqlite", "postgres");
        for (String backend : Backends.names()) {
            assertThat(Ops.hooks(settings(backend)).backend()).isEqualTo(backend);
        }
    }

    @Test
    void onlyTheBackendsWithASchemaHaveMigrations() {
        assertThat(Ops.migrator(settings("memory"))).isEmpty();
        assertThat(Ops.migrator(settings("json"))).isEmpty();
        assertThat(Ops.migrator(settings("sqlite"))).hasValueSatisfying(m -> assertThat(m.status().backend())
                .isEqualTo("sqlite"));
    }

    private Settings settings(String backend) {
        Settings.Builder b = Settings.builder().set(Setting.BACKEND, backend).set(Setting.DATA_DIR, dir.toString());
        return (backend.equals("postgres") ? b.set(Setting.DATABASE_URL, "postgresql://u:p@localhost/db") : b).build();
    }
}
