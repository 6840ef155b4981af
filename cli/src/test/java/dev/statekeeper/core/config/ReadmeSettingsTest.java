package dev.statekeeper.core.config;

import dev.statekeeper.core.internal.config.SettingsTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's settings table is generated from {@link Setting}; this keeps the two from drifting apart. */
class ReadmeSettingsTest {
    @Test
    void readmeShowsEverySettingAsTheCodeDefinesIt() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        assertThat(readme).as("README.md settings table (regenerate it from SettingsTable.markdown())")
                .contains(SettingsTable.markdown());
    }
}
