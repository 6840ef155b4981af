package dev.statekeeper.core.config;

import dev.statekeeper.core.internal.config.Secrets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @Test
    void defaultsMatchTheSpec() {
        Settings s = Settings.builder().environment(Map.of("HOME", "/home/u")).build();

        assertThat(s.backend()).isEqualTo("sqlite");
        assertThat(s.integer(Setting.POOL_MIN_SIZE)).isEqualTo(5);
        assertThat(s.integer(Setting.POOL_MAX_SIZE)).isEqualTo(20);
        assertThat(s.seconds(Setting.POOL_TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.seconds(Setting.COMMAND_TIMEOUT)).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.loopHistorySize()).isEqualTo(10);
        assertThat(s.sqlitePath()).isEqualTo(Path.of("/home/u/.local/state/statekeeper/state.db"));
        assertThat(s.value(Setting.BACKEND).source()).isEqualTo(Settings.Source.DEFAULT);
    }

    @Test
    void flagsOverrideTheEnvironmentWhichOverridesTheFile() {
        Settings s = Settings.builder()
                .file(Setting.POOL_MAX_SIZE, "30")
                .file(Setting.POOL_MIN_SIZE, "2")
                .environment(Map.of("DATABASE_POOL_MAX_SIZE", "40"))
                .set(Setting.POOL_MAX_SIZE, "50")
                .build();

        assertThat(s.integer(Setting.POOL_MAX_SIZE)).isEqualTo(50);
        assertThat(s.value(Setting.POOL_MAX_SIZE).source()).isEqualTo(Settings.Source.FLAG);
        assertThat(s.value(Setting.POOL_MIN_SIZE)).isEqualTo(new Settings.Value("2", Settings.Source.FILE));
        assertThat(s.origin(Setting.POOL_MAX_SIZE)).isEqualTo("set explicitly");
        assertThat(s.origin(Setting.POOL_MIN_SIZE)).isEqualTo("from the config file");
        assertThat(s.origin(Setting.BACKEND)).isEqualTo("default");
    }

    @Test
    void originsSurviveToBuilder() {
        Settings s = Settings.builder().environment(Map.of("STATEKEEPER_PORT", "80"))
                .flag(Setting.BACKEND, "--backend", "memory").build();

        Settings copy = s.toBuilder().set(Setting.THRESHOLD_SPEC, "50").build();

        assertThat(copy.origin(Setting.BACKEND)).isEqualTo("from --backend");
        assertThat(copy.origin(Setting.SERVER_PORT)).isEqualTo("from the environment");
        assertThat(copy.value(Setting.SERVER_PORT)).isEqualTo(new Settings.Value("80", Settings.Source.ENVIRONMENT));
    }

    @Test
    void refusesAMaximumPoolSizeBelowTheMinimum() {
        assertThatThrownBy(() -> Settings.builder().set(Setting.POOL_MIN_SIZE, "10").set(Setting.POOL_MAX_SIZE, "5").build())
                .hasMessage("invalid settings: DATABASE_POOL_MAX_SIZE = '5': must be at least DATABASE_POOL_MIN_SIZE, "
                        + "which is 10 set explicitly (set explicitly)");
        assertThatThrownBy(() -> Settings.builder().file(Setting.POOL_MIN_SIZE, "50").build())
                .as("said of the value from the higher layer, naming where the other one came from")
                .hasMessage("invalid settings: DATABASE_POOL_MIN_SIZE = '50': must be at most DATABASE_POOL_MAX_SIZE, "
                        + "which is 20 by default (from the config file)");
    }

    @Test
    void inspectKeepsBadValuesAndSaysWhatIsWrongWithEach() {
        Settings s = Settings.builder().environment(Map.of("STATEKEEPER_PORT", "http", "DATABASE_POOL_MAX_SIZE", "8"))
                .file(Setting.POOL_MIN_SIZE, "10", "from /etc/sk.toml line 2").inspect();

        assertThat(s.raw(Setting.SERVER_PORT)).isEqualTo("http");
        assertThat(s.problem(Setting.SERVER_PORT)).hasValueSatisfying(v -> assertThat(v).hasToString(
                "STATEKEEPER_PORT = 'http': must be a whole number between 0 and 65535 (from the environment)"));
        assertThat(s.problem(Setting.POOL_MAX_SIZE)).hasValueSatisfying(v -> assertThat(v).hasToString(
                "DATABASE_POOL_MAX_SIZE = '8': must be at least DATABASE_POOL_MIN_SIZE, which is 10 from /etc/sk.toml "
                        + "line 2 (from the environment)"));
        assertThat(s.problem(Setting.POOL_MIN_SIZE)).isEmpty();
        assertThat(s.problemsWith(Setting.POOL_MIN_SIZE)).singleElement().hasToString("DATABASE_POOL_MIN_SIZE = '10': "
                + "must be at most DATABASE_POOL_MAX_SIZE, which is 8 from the environment (from /etc/sk.toml line 2)");
        assertThat(s.problems()).hasSize(2);
        assertThat(s.problem(Setting.BACKEND)).isEmpty();
    }

    @Test
    void databaseStateManagerNeedsAUrl() {
        assertThatThrownBy(() -> Settings.builder().environment(Map.of("STATE_MANAGER", "database")).build())
                .hasMessage("invalid settings: DATABASE_URL = (missing): is required when STATE_MANAGER=database "
                        + "(STATE_MANAGER from the environment)");
        assertThat(Settings.builder().file(Setting.STATE_MANAGER, "database", "not written to /etc/sk.toml").inspect()
                .problemsWith(Setting.STATE_MANAGER)).singleElement().hasToString("STATE_MANAGER = 'database': needs "
                        + "DATABASE_URL, which is not set (not written to /etc/sk.toml)");
    }

    @Test
    void masksPasswordsInUrls() {
        assertThat(Secrets.maskUrl("postgresql://respec:respec@localhost:5432/respec_dev"))
                .isEqualTo("postgresql://respec:****@localhost:5432/respec_dev");
        assertThat(Secrets.maskUrl("postgresql://host/db?user=u&password=secret&sslmode=require"))
                .isEqualTo("postgresql://host/db?user=u&password=****&sslmode=require");
        assertThat(Secrets.maskUrl("postgresql://user@host/db")).isEqualTo("postgresql://user@host/db");
        assertThat(Setting.DATABASE_URL.display("postgresql://a:b@h/d")).isEqualTo("postgresql://a:****@h/d");
        assertThat(Setting.API_TOKEN.display("s3cr3t-token")).isEqualTo("****");
        assertThat(Setting.API_TOKEN.secret()).isTrue();
        assertThat(Setting.SERVER_BIND.display("0.0.0.0")).isEqualTo("0.0.0.0");
        assertThat(Secrets.maskUrl("postgresql://me:p@ss/w#rd?@host:5432/db")).isEqualTo("postgresql://me:****@host:5432/db");
        assertThat(Secrets.maskUrl("postgresql:/me:secret@host/db")).isEqualTo("postgresql:/me:****@host/db");
        assertThat(Secrets.maskUrl("host=db user=me password=hunter2 sslmode=require"))
                .isEqualTo("host=db user=me password=**** sslmode=require");
        assertThat(Secrets.maskUrl("postgresql://h/db?sslpassword=s3cret&sslmode=verify-full"))
                .isEqualTo("postgresql://h/db?sslpassword=****&sslmode=verify-full");
    }

    @Test
    void aTypedValueOfTheWrongKindIsAProgrammingError() {
        assertThatThrownBy(() -> Settings.builder().set(Setting.POOL_TIMEOUT, 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DATABASE_POOL_TIMEOUT takes Duration (1-120 s), not Integer");
        assertThatThrownBy(() -> Settings.defaults().integer(Setting.POOL_TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DATABASE_POOL_TIMEOUT is read as Duration (1-120 s), not as Integer");
    }

    @Test
    void nullTakesATypedValueAway() {
        Settings s = Settings.builder().environment(Map.of("STATEKEEPER_DATA_DIR", "/env"))
                .dataDir(Path.of("/flag")).dataDir(null).poolTimeout(Duration.ofSeconds(5)).poolTimeout(null).build();

        assertThat(s.dataDir()).isEqualTo(Path.of("/env"));
        assertThat(s.seconds(Setting.POOL_TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
    }
}
