package dev.statekeeper.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --version}: the version, the commit and time of the build (written by the build), and the Java runtime. */
class VersionTest {
    @TempDir
    Path dir;

    @Test
    void versionShowsTheCommitAndTheTimeOfTheBuild() {
        for (String flag : new String[] {"--version", "-V"}) {
            CliRunner.Result result = new CliRunner(dir).run(flag);

            assertThat(result.exitCode()).isZero();
            assertThat(result.err()).isEmpty();
            assertThat(result.out()).matches("statekeeper \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{12}|unknown), "
                    + "built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)\\r?\\njava " + Pattern.quote(Runtime.version().toString()) + " \\(.*\\)\\r?\\n");
        }
    }

    @Test
    void theCommandHasANoArgumentConstructorForToolsThatMakeItThemselves() {
        assertThat(new picocli.CommandLine(new StatekeeperCommand()).getSubcommands()).containsKeys("loop", "mcp", "serve");
    }
}
