package dev.statekeeper.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HelpTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandHasHelpThatOpensNoStore() {
        CliRunner cli = new CliRunner(dir);
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new StatekeeperCommand(null)), new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(35);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRunner.Result result = cli.run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(result.out()).startsWith(path.isEmpty() ? "Durable state" : "Usage: statekeeper " + String.join(" ", path));
            assertThat(result.err()).isEmpty();
        }
        assertThat(dir.resolve("state.db")).doesNotExist();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            path.add(name);
            collect(sub, path, out);
            path.removeLast();
        });
    }

    @Test
    void rootHelpListsCommandsExitCodesAndSettings() {
        String help = new CliRunner(dir).ok("--help");
        assertThat(help).contains("Commands:\n  init ", "\n  loop ", "Exit codes:\n  0   success",
                "  STATEKEEPER_BACKEND = memory, json, sqlite, postgres (default sqlite)\n      which backend stores the state\n");
    }

    @Test
    void helpCommandShowsTheSameTextAsTheFlag() {
        CliRunner cli = new CliRunner(dir);
        assertThat(cli.ok("help", "loop", "feedback")).isEqualTo(cli.ok("loop", "feedback", "--help"));
        CliRunner.Result unknown = cli.run("help", "loop", "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("statekeeper: unknown command 'nope' in 'statekeeper loop'; it has: create,");
    }

    @Test
    void versionNamesTheReleaseAndTheJava() {
        String version = new CliRunner(dir).ok("--version");
        assertThat(version).matches("statekeeper \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{12}|unknown), built "
                + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)\njava .+\n");
    }
}
