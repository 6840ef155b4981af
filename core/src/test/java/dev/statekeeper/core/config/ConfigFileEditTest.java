package dev.statekeeper.core.config;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Changing the config file: comments and order kept, values checked first, atomic writes, 0600 for secrets. */
class ConfigFileEditTest {
    @TempDir
    Path dir;

    @Test
    void unsetRemovesTheLineAndCanRemoveAMistypedKey() throws IOException {
        Path file = Files.writeString(dir.resolve("config.toml"), """
                STATEKEEPER_BACKEND = "memory"
                # keep me
                DATABSE_URL = "postgresql://x/y"
                """);

        ConfigFile config = ConfigFile.read(file).without("STATEKEEPER_BACKEND").without("DATABSE_URL").without("NOPE");

        assertThat(config.text()).isEqualTo("# keep me\n");
        assertThat(config.contains("DATABSE_URL")).isFalse();
    }

    @Test
    void aKeyAddedToAFileWithTablesGoesAboveTheFirstTable() throws IOException {
        Path file = Files.writeString(dir.resolve("config.toml"), "STATEKEEPER_PORT = 1\n[other]\nx = 1");

        assertThat(ConfigFile.read(file).with(Setting.SERVER_BIND, "::1").text())
                .isEqualTo("STATEKEEPER_PORT = 1\nSTATEKEEPER_BIND = '::1'\n[other]\nx = 1\n");
    }

    @Test
    void aValueSpanningLinesIsReplacedByWritingTheWholeFile() throws IOException {
        Path file = Files.writeString(dir.resolve("config.toml"), """
                STATEKEEPER_BIND = \"""
                0.0.0.0\"""
                STATEKEEPER_PORT = 8080
                """);

        assertThat(ConfigFile.read(file).with(Setting.SERVER_BIND, "127.0.0.1").text())
                .isEqualTo("STATEKEEPER_BIND = '127.0.0.1'\nSTATEKEEPER_PORT = 8080\n");
    }

    @Test
    void writeCreatesTheDirectoryOwnerOnlyAndTheFile0600WhenItHoldsASecret() throws IOException {
        Path file = dir.resolve("xdg/statekeeper/config.toml");

        ConfigFile plain = ConfigFile.read(file).with(Setting.SERVER_PORT, "8080").write();
        assertThat(plain.exists()).isTrue();
        assertThat(mode(file)).isEqualTo("rw-r--r--");
        assertThat(mode(file.getParent())).isEqualTo("rwx------");

        ConfigFile.read(file).with(Setting.API_TOKEN, "t0ken").write();
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("STATEKEEPER_PORT = 8080\nSTATEKEEPER_API_TOKEN = 't0ken'\n");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        ConfigFile.read(file).without("STATEKEEPER_API_TOKEN").write();
        assertThat(mode(file)).as("without a secret the file keeps its mode").isEqualTo("rw-r-----");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temp file left behind").containsExactly(file);
        }
    }

    @Test
    void writeReplacesTheFileALinkPointsToAndKeepsTheLink() throws IOException {
        Path real = Files.writeString(dir.resolve("dotfiles.toml"), "STATEKEEPER_PORT = 1\n");
        Path link = Files.createSymbolicLink(dir.resolve("config.toml"), real);

        ConfigFile.read(link).with(Setting.SERVER_PORT, "2").write();

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("STATEKEEPER_PORT = 2\n");
    }

    @Test
    void aWriteThatCannotHappenSaysSoAndLeavesNothingBehind() throws IOException {
        Path file = dir.resolve("statekeeper/config.toml");
        ConfigFile edited = ConfigFile.read(file).with(Setting.SERVER_PORT, "1");
        Path blocker = Files.writeString(dir.resolve("statekeeper"), "x");

        assertThatThrownBy(edited::write)
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessage("cannot write config file " + file + ": '" + blocker + "' is in the way (it is not a "
                        + "directory); the file is unchanged");
        assertThat(Files.readString(blocker)).isEqualTo("x");
        assertThatThrownBy(() -> ConfigFile.read(file))
                .hasMessage("cannot read config file " + file + ": Not a directory");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
