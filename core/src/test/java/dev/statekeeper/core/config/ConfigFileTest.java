package dev.statekeeper.core.config;

import dev.statekeeper.core.internal.config.SettingNames;
import dev.statekeeper.core.config.Settings.Source;
import dev.statekeeper.core.config.Settings.Value;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the config file: where it is, precedence under the environment and flags, and its errors. */
class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void theFileIsFoundByVariableThenXdgThenHome() {
        assertThat(ConfigFile.locate(Map.of("STATEKEEPER_CONFIG", "/etc/sk.toml", "XDG_CONFIG_HOME", "/xdg")))
                .isEqualTo(Path.of("/etc/sk.toml"));
        assertThat(ConfigFile.locate(Map.of("XDG_CONFIG_HOME", "/xdg", "HOME", "/home/u")))
                .isEqualTo(Path.of("/xdg/statekeeper/config.toml"));
        assertThat(ConfigFile.locate(Map.of("XDG_CONFIG_HOME", "relative", "HOME", "/home/u", "STATEKEEPER_CONFIG", "")))
                .as("XDG ignores a relative path").isEqualTo(Path.of("/home/u/.config/statekeeper/config.toml"));
    }

    @Test
    void aMissingFileAtTheDefaultPlaceIsEmpty() {
        Path file = dir.resolve("none/config.toml");
        ConfigFile config = ConfigFile.read(file);

        assertThat(config.exists()).isFalse();
        assertThat(config.problem()).isEmpty();
        assertThat(Settings.load(Map.of("XDG_CONFIG_HOME", dir.resolve("none").toString())).build().value(Setting.BACKEND))
                .isEqualTo(new Value("sqlite", Source.DEFAULT));
    }

    @Test
    void aFileThatStatekeeperConfigNamesMustExist() {
        Path file = dir.resolve("none/config.toml");

        assertThatThrownBy(() -> Settings.load(Map.of("STATEKEEPER_CONFIG", file.toString())).build())
                .isInstanceOfSatisfying(StatekeeperException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.details()).isEqualTo(Map.of("file", file.toString()));
                })
                .hasMessage("STATEKEEPER_CONFIG names the config file " + file + ", which does not exist: create it "
                        + "('statekeeper config set KEY VALUE' does) or unset STATEKEEPER_CONFIG");
        assertThatThrownBy(() -> Settings.load(Map.of("STATEKEEPER_CONFIG", dir.toString())).build())
                .hasMessage("cannot read config file " + dir + " (named by STATEKEEPER_CONFIG): Is a directory");

        Settings shown = Settings.load(Map.of("STATEKEEPER_CONFIG", file.toString())).inspect();
        assertThat(shown.value(Setting.BACKEND)).isEqualTo(new Value("sqlite", Source.DEFAULT));
        assertThat(shown.problems()).containsExactly("STATEKEEPER_CONFIG names the config file " + file
                + ", which does not exist: create it ('statekeeper config set KEY VALUE' does) or unset STATEKEEPER_CONFIG");
    }

    @Test
    void aFileThatStatekeeperConfigNamesIsCreatedOnlyInADirectoryThatExists() throws IOException {
        Path file = dir.resolve("statekeeper.toml");
        ConfigFile.load(Map.of("STATEKEEPER_CONFIG", file.toString())).with(Setting.SERVER_PORT, "8080").write();
        assertThat(Files.readString(file)).isEqualTo("STATEKEEPER_PORT = 8080\n");

        Path nowhere = dir.resolve("no/such/config.toml");
        assertThatThrownBy(() -> ConfigFile.load(Map.of("STATEKEEPER_CONFIG", nowhere.toString()))
                .with(Setting.SERVER_PORT, "8080").write())
                .hasMessage("STATEKEEPER_CONFIG names the config file " + nowhere + ", but its directory "
                        + nowhere.getParent() + " does not exist: create the directory, or correct STATEKEEPER_CONFIG");
        assertThat(dir.resolve("no")).doesNotExist();
    }

    @Test
    void unknownKeysAreNamedWithTheirLineAndTheSettingTheyMostLikelyMeant() throws IOException {
        Path file = write("""
                DATABSE_URL = "postgresql://app:s3cret@db/state"
                port = 8080
                colour = "blue"
                STATEKEEPER_BACKEND = ["sqlite"]

                [pool]
                size = 3
                """);

        assertThatThrownBy(() -> Settings.load(Map.of("STATEKEEPER_CONFIG", file.toString())).build())
                .isInstanceOfSatisfying(StatekeeperException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.details()).isEqualTo(Map.of("file", file.toString()));
                })
                .hasMessage("config file " + file + ": unknown setting 'DATABSE_URL' (line 1; did you mean DATABASE_URL?); "
                        + "unknown setting 'port' (line 2; did you mean STATEKEEPER_PORT?); unknown setting 'colour' "
                        + "(line 3); STATEKEEPER_BACKEND is an array (line 4), not a single value; unknown setting "
                        + "'pool' (line 6)")
                .message().doesNotContain("s3cret");
    }

    @Test
    void aFileThatIsNotTomlIsRefusedWithItsLine() throws IOException {
        Path file = write("""
                STATEKEEPER_BACKEND = "sqlite"
                DATABASE_URL = "postgresql://unterminated
                """);

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessage("cannot parse config file " + file + ": line 2, column 42: Newline not permitted here "
                        + "(it must be TOML: KEY = \"value\" lines)");
        assertThatThrownBy(() -> ConfigFile.read(write("A = 1\nA = 2\n"))).hasMessageContaining("Duplicate key");
    }

    @Test
    void aFileThatIsNotUtf8OrNotAFileIsRefused() throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.toml"), new byte[] {'A', '=', '"', (byte) 0xE9, '"'});

        assertThatThrownBy(() -> ConfigFile.read(latin1))
                .hasMessage("cannot read config file " + latin1 + ": it is not UTF-8 text");
        assertThatThrownBy(() -> ConfigFile.read(dir))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessage("cannot read config file " + dir + ": Is a directory");
    }

    @Test
    void mistypedNamesSuggestTheSetting() {
        assertThat(SettingNames.didYouMean("database_url")).isEqualTo("DATABASE_URL");
        assertThat(SettingNames.didYouMean("backend")).isEqualTo("STATEKEEPER_BACKEND");
        assertThat(SettingNames.didYouMean("STATEKEEPER_THRESHOLD_SEPC")).isEqualTo("STATEKEEPER_THRESHOLD_SPEC");
        assertThat(SettingNames.didYouMean("DATABASE_POOL_MAX")).isEqualTo("DATABASE_POOL_MAX_SIZE");
        assertThat(SettingNames.didYouMean("colour")).isNull();
        assertThat(SettingNames.hint("")).isEmpty();
        assertThat(SettingNames.find("DATABASE_URL")).contains(Setting.DATABASE_URL);
        assertThat(SettingNames.find("database_url")).isEmpty();
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "config", ".toml"), text);
    }
}
