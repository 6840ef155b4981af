package dev.statekeeper.core.config;

import dev.statekeeper.core.config.Settings.Source;
import dev.statekeeper.core.config.Settings.Value;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tests of {@link Settings} and {@link ConfigFile} (moved from core's SettingsTest, ConfigFileTest and
 * ConfigFileEditTest) whose values name the built-in backends: which names STATEKEEPER_BACKEND takes and which URLs
 * DATABASE_URL takes come from the installed backends, and core alone has only memory. Here every built-in is
 * installed, as in the CLI.
 */
class BuiltInBackendSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theDataDirectoryFollowsXdgThenTheExplicitSetting() {
        Settings xdg = Settings.builder().environment(Map.of("HOME", "/home/u", "XDG_STATE_HOME", "/xdg")).build();
        Settings explicit = Settings.builder().environment(Map.of("XDG_STATE_HOME", "/xdg", "STATEKEEPER_DATA_DIR", "/data"))
                .build();
        Settings url = Settings.builder().environment(Map.of("DATABASE_URL", "sqlite:/tmp/x.db")).build();

        assertThat(xdg.sqlitePath()).isEqualTo(Path.of("/xdg/statekeeper/state.db"));
        assertThat(explicit.sqlitePath()).isEqualTo(Path.of("/data/state.db"));
        assertThat(url.sqlitePath()).isEqualTo(Path.of("/tmp/x.db"));
    }

    @Test
    void aBadValueNamesWhereItCameFrom() {
        assertThatThrownBy(() -> Settings.builder().environment(Map.of("STATEKEEPER_PORT", "80"))
                .flag(Setting.BACKEND, "--backend", "oracle").set(Setting.THRESHOLD_SPEC, "101").build())
                .hasMessage("invalid settings (2 problems): STATEKEEPER_BACKEND = 'oracle': must be one of memory, json, "
                        + "sqlite, postgres (from --backend); STATEKEEPER_THRESHOLD_SPEC = '101': must be between 0 "
                        + "and 100 (set explicitly)");
    }

    @Test
    void theSeedsStateManagerVariableIsHonoured() {
        assertThat(Settings.builder().environment(Map.of("STATE_MANAGER", "memory")).build().backend()).isEqualTo("memory");
        assertThat(Settings.builder().environment(Map.of("STATE_MANAGER", "database",
                "DATABASE_URL", "postgresql://u:p@h:5432/db")).build().backend()).isEqualTo("postgres");
        assertThat(Settings.builder().environment(Map.of("STATE_MANAGER", "memory", "STATEKEEPER_BACKEND", "sqlite"))
                .build().backend()).isEqualTo("sqlite");
    }

    @Test
    void refusesOutOfRangeValuesNamingVariableValueAndRange() {
        assertThatThrownBy(() -> Settings.builder().environment(Map.of(
                "DATABASE_POOL_MAX_SIZE", "500",
                "DATABASE_POOL_TIMEOUT", "0.5",
                "STATEKEEPER_BACKEND", "mongo",
                "DATABASE_MAX_INACTIVE_CONNECTION_LIFETIME", "ten")).build())
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessage("invalid settings (4 problems): STATEKEEPER_BACKEND = 'mongo': must be one of memory, json, "
                        + "sqlite, postgres (from the environment); DATABASE_POOL_MAX_SIZE = '500': must be between 1 "
                        + "and 100 (from the environment); DATABASE_POOL_TIMEOUT = '0.5': must be between 1 and 120 "
                        + "seconds (from the environment); DATABASE_MAX_INACTIVE_CONNECTION_LIFETIME = 'ten': must be "
                        + "a number of seconds between 60 and 86400 (from the environment)");
    }

    @Test
    void neverShowsAPasswordInAnError() {
        assertThatThrownBy(() -> Settings.builder().environment(Map.of("DATABASE_URL", "mysql://admin:s3cret@db/x")).build())
                .hasMessage("invalid settings: DATABASE_URL = 'mysql://admin:****@db/x': must start with postgresql:// or sqlite: "
                        + "(from the environment)")
                .message().doesNotContain("s3cret");
    }

    @Test
    void refusesNumbersWithJavaSuffixesOrNoValue() {
        assertThatThrownBy(() -> Settings.builder().environment(Map.of("STATEKEEPER_SQLITE_BUSY_TIMEOUT", "30d",
                "DATABASE_POOL_MIN_SIZE", "+5", "DATABASE_URL", "sqlite:")).build())
                .hasMessage("invalid settings (3 problems): DATABASE_URL = 'sqlite:': must name a file after sqlite: (from the "
                        + "environment); DATABASE_POOL_MIN_SIZE = '+5': must be a whole number between 1 and 50 (from "
                        + "the environment); STATEKEEPER_SQLITE_BUSY_TIMEOUT = '30d': must be a number of seconds "
                        + "between 0 and 600 (from the environment)");
    }

    @Test
    void aDataDirectoryFlagWinsOverASqliteUrlFromTheEnvironment() {
        Settings s = Settings.builder().environment(Map.of("DATABASE_URL", "sqlite:/prod/state.db"))
                .set(Setting.DATA_DIR, "/tmp/tour").build();

        assertThat(s.sqlitePath()).isEqualTo(Path.of("/tmp/tour/state.db"));
    }
    @Test
    void theFileLiesUnderTheEnvironmentWhichLiesUnderFlags() throws IOException {
        Path file = write("""
                # team defaults
                STATEKEEPER_BACKEND = "postgres"
                DATABASE_URL = "postgresql://app:s3cret@db:5432/state"
                DATABASE_POOL_MAX_SIZE = 30
                DATABASE_POOL_TIMEOUT = 12.5
                STATEKEEPER_AUTO_MIGRATE = false
                STATEKEEPER_THRESHOLD_SPEC = "70"
                """);

        Settings s = Settings.load(Map.of("STATEKEEPER_CONFIG", file.toString(), "DATABASE_POOL_MAX_SIZE", "40",
                "STATEKEEPER_BACKEND", "sqlite")).flag(Setting.BACKEND, "--backend", "memory").build();

        assertThat(s.backend()).isEqualTo("memory");
        assertThat(s.value(Setting.BACKEND)).isEqualTo(new Value("memory", Source.FLAG));
        assertThat(s.value(Setting.POOL_MAX_SIZE)).isEqualTo(new Value("40", Source.ENVIRONMENT));
        assertThat(s.value(Setting.POOL_TIMEOUT)).isEqualTo(new Value("12.5", Source.FILE));
        assertThat(s.value(Setting.AUTO_MIGRATE)).isEqualTo(new Value("false", Source.FILE));
        assertThat(s.flag(Setting.AUTO_MIGRATE)).isFalse();
        assertThat(s.integer(Setting.THRESHOLD_SPEC)).isEqualTo(70);
        assertThat(s.value(Setting.CHECKPOINT_EVERY)).isEqualTo(new Value("5", Source.DEFAULT));
        assertThat(s.origin(Setting.DATABASE_URL)).isEqualTo("from " + file + " line 3");
        assertThat(s.origin(Setting.POOL_MAX_SIZE)).isEqualTo("from the environment");
        assertThat(s.origin(Setting.BACKEND)).isEqualTo("from --backend");
    }

    @Test
    void aBadValueInTheFileNamesTheFileAndLineAndMasksThePassword() throws IOException {
        Path file = write("""
                STATEKEEPER_PORT = 70000
                DATABASE_URL = 'mysql://app:s3cret@db/state'
                """);

        assertThatThrownBy(() -> Settings.load(Map.of("STATEKEEPER_CONFIG", file.toString())).build())
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessage("invalid settings (2 problems): DATABASE_URL = 'mysql://app:****@db/state': must start with "
                        + "postgresql:// or sqlite: (from " + file + " line 2); STATEKEEPER_PORT = '70000': must be "
                        + "between 0 and 65535 (from " + file + " line 1)");
    }

    @Test
    void setReplacesTheKeysLineAndAddsNewKeysKeepingCommentsAndOrder() throws IOException {
        Path file = Files.writeString(dir.resolve("config.toml"), """
                # Statekeeper settings
                STATEKEEPER_BACKEND = "sqlite"   # for now

                # the pool
                DATABASE_POOL_MAX_SIZE = 30
                """);

        ConfigFile edited = ConfigFile.read(file)
                .with(Setting.BACKEND, " Postgres ")
                .with(Setting.POOL_MIN_SIZE, "05")
                .with(Setting.POOL_TIMEOUT, "12.50")
                .with(Setting.AUTO_MIGRATE, "false")
                .with(Setting.SERVER_BIND, "it's \"quoted\"")
                .write();

        assertThat(Files.readString(file)).isEqualTo(edited.text()).isEqualTo("""
                # Statekeeper settings
                STATEKEEPER_BACKEND = 'postgres'

                # the pool
                DATABASE_POOL_MAX_SIZE = 30
                DATABASE_POOL_MIN_SIZE = 5
                DATABASE_POOL_TIMEOUT = 12.50
                STATEKEEPER_AUTO_MIGRATE = false
                STATEKEEPER_BIND = "it's \\"quoted\\""
                """);
        Settings s = Settings.load(Map.of("STATEKEEPER_CONFIG", file.toString())).build();
        assertThat(s.raw(Setting.SERVER_BIND)).isEqualTo("it's \"quoted\"");
        assertThat(s.seconds(Setting.POOL_TIMEOUT).toMillis()).isEqualTo(12_500);
    }

    @Test
    void aValueOutOfRangeIsRefusedAndTheFileIsUntouched() throws IOException {
        Path file = Files.writeString(dir.resolve("config.toml"), "STATEKEEPER_PORT = 8080\n");
        ConfigFile config = ConfigFile.read(file);

        assertThatThrownBy(() -> config.with(Setting.SERVER_PORT, "70000"))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessage("invalid setting: STATEKEEPER_PORT = '70000': must be between 0 and 65535 (not written to "
                        + file + ")");
        assertThatThrownBy(() -> config.with(Setting.DATABASE_URL, "mysql://root:hunter2@db/x"))
                .hasMessage("invalid setting: DATABASE_URL = 'mysql://root:****@db/x': must start with postgresql:// "
                        + "or sqlite: (not written to " + file + ")");
        assertThat(Files.readString(file)).isEqualTo("STATEKEEPER_PORT = 8080\n");
        assertThat(config.text()).isEqualTo("STATEKEEPER_PORT = 8080\n");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "config", ".toml"), text);
    }

    @Test
    void typedValuesAreCheckedAsTheirTextWouldBe() {
        Settings s = Settings.builder().environment(Map.of("HOME", "/home/u"))
                .backend("postgres").databaseUrl("postgresql://app@db:5432/agents").dataDir(Path.of("/srv/sk"))
                .poolMinSize(2).poolMaxSize(8).poolTimeout(Duration.ofMillis(2500)).commandTimeout(Duration.ofSeconds(90))
                .autoMigrate(false).loopHistorySize(50).set(Setting.SERVER_PORT, 0).set(Setting.PUBLIC_METRICS, true)
                .build();

        assertThat(s.backend()).isEqualTo("postgres");
        assertThat(s.raw(Setting.DATABASE_URL)).isEqualTo("postgresql://app@db:5432/agents");
        assertThat(s.dataDir()).isEqualTo(Path.of("/srv/sk"));
        assertThat(s.integer(Setting.POOL_MAX_SIZE)).isEqualTo(8);
        assertThat(s.value(Setting.POOL_TIMEOUT)).isEqualTo(new Settings.Value("2.5", Settings.Source.FLAG));
        assertThat(s.seconds(Setting.POOL_TIMEOUT)).isEqualTo(Duration.ofMillis(2500));
        assertThat(s.seconds(Setting.COMMAND_TIMEOUT)).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.flag(Setting.AUTO_MIGRATE)).isFalse();
        assertThat(s.flag(Setting.PUBLIC_METRICS)).isTrue();
        assertThat(s.loopHistorySize()).isEqualTo(50);
        assertThat(s.integer(Setting.SERVER_PORT)).isZero();
        assertThat(s.origin(Setting.POOL_MIN_SIZE)).isEqualTo("set explicitly");

        assertThatThrownBy(() -> Settings.builder().poolMaxSize(500).poolTimeout(Duration.ofMillis(500))
                .set(Setting.SQLITE_BUSY_TIMEOUT, Duration.ofSeconds(-1)).build())
                .hasMessage("invalid settings (3 problems): DATABASE_POOL_MAX_SIZE = '500': must be between 1 and 100 "
                        + "(set explicitly); DATABASE_POOL_TIMEOUT = '0.5': must be between 1 and 120 seconds (set "
                        + "explicitly); STATEKEEPER_SQLITE_BUSY_TIMEOUT = '-1': must be between 0 and 600 seconds (set "
                        + "explicitly)");
        assertThatThrownBy(() -> Settings.builder().poolMinSize(10).poolMaxSize(5).build())
                .hasMessage("invalid settings: DATABASE_POOL_MAX_SIZE = '5': must be at least DATABASE_POOL_MIN_SIZE, "
                        + "which is 10 set explicitly (set explicitly)");
    }

    @Test
    void everyKindIsOneOfTheSealedRecordsAndDescribesItsRange() {
        assertThat(Setting.POOL_MAX_SIZE.kind()).isEqualTo(Setting.Kind.integer(1, 100));
        assertThat(Setting.READY_TIMEOUT.kind()).isEqualTo(Setting.Kind.seconds(0.1, 60));
        assertThat(Setting.READY_TIMEOUT.range()).isEqualTo("0.1-60 s");
        assertThat(Setting.AUTO_MIGRATE.kind()).isInstanceOf(Setting.Kind.Bool.class);
        assertThat(Setting.AUTO_MIGRATE.range()).isEqualTo("true, false");
        assertThat(Setting.DATA_DIR.kind().type()).isEqualTo(Path.class);
        assertThat(Setting.API_TOKEN.kind()).isInstanceOf(Setting.Kind.Secret.class);
        assertThat(Setting.DATABASE_URL.secret()).isTrue();
        assertThat(Setting.SERVER_BIND.secret()).isFalse();
    }

    @Test
    void aDataDirectoryThatIsNoPathIsRefused() {
        assertThatThrownBy(() -> Settings.builder().set(Setting.DATA_DIR, "/tmp/a\u0000b").build())
                .hasMessage("invalid settings: STATEKEEPER_DATA_DIR = '/tmp/a\u0000b': is not a valid path (Nul character "
                        + "not allowed) (set explicitly)");
    }
}
