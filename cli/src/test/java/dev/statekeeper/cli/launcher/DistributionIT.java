package dev.statekeeper.cli.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The distribution {@code ./mvnw package} writes to {@code cli/target/statekeeper-dist}: the launcher, the jar,
 * the shell completion picocli generates, the licence; run from a copy of its own, with no Maven and no sources.
 */
class DistributionIT {
    private static final Path SOURCE_ROOT = Path.of(System.getProperty("statekeeper.source.root", "..")).toAbsolutePath();
    private static final Path DIST = Path.of(System.getProperty("statekeeper.dist", "target/statekeeper-dist")).toAbsolutePath();

    @TempDir
    Path dir;

    private record Result(int exit, String stdout, String stderr) {}

    private Result run(Path workDir, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        // what an MCP client passes: next to nothing; no Maven on the path, none in the distribution
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("HOME", dir.resolve("home").toString());
        builder.environment().put("TMPDIR", Files.createDirectories(dir.resolve("tmp")).toString());
        builder.environment().put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        builder.environment().put("STATEKEEPER_DATA_DIR", dir.resolve("data").toString());
        Process process = builder.start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void theDistributionHoldsTheLauncherTheJarTheCompletionAndTheLicence() {
        assertThat(DIST.resolve("statekeeper")).isExecutable();
        assertThat(DIST.resolve("lib/statekeeper.jar")).isRegularFile();
        assertThat(DIST.resolve("lib/find-jdk.sh")).isRegularFile();
        assertThat(DIST.resolve("statekeeper_completion.bash")).isRegularFile();
        assertThat(DIST.resolve("LICENSE")).content().contains("Apache License", "Version 2.0, January 2004");
        assertThat(DIST.resolve("pom.xml")).doesNotExist();
    }

    @Test
    void aCopyOfTheDistributionRunsVersionWithoutMavenAndShowsTheCommitAndBuildTime() throws Exception {
        Path copy = dir.resolve("opt/statekeeper");
        copyTree(DIST, copy);

        Result result = run(dir, List.of(copy.resolve("statekeeper").toString(), "--version"));

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).matches("statekeeper \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{12}|unknown), "
                + "built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)\njava .*\n");
        String commit = gitHead();
        assertThat(result.stdout()).contains("(commit " + (commit == null ? "unknown" : commit) + ", built ");
        assertThat(copy.resolve("lib/launch/ready")).as("prepared in the distribution's own lib/launch").isRegularFile();
    }

    @Test
    void sourcingTheCompletionScriptInBashDefinesItsFunctionForStatekeeper() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "needs bash");
        Path script = DIST.resolve("statekeeper_completion.bash");

        Result result = run(dir, List.of("bash", "-c", "source \"$0\" && declare -F _complete_statekeeper && complete -p statekeeper",
                script.toString()));

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("_complete_statekeeper\ncomplete -o default -F _complete_statekeeper statekeeper\n");
        assertThat(Files.readString(script)).contains("loop", "spec", "healthcheck", "--data-dir", "--backend")
                .doesNotContain("warm-up");
    }

    /** The commit the build was made from, as the build abbreviates it, or null where git or the repository is missing. */
    private static String gitHead() throws Exception {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").directory(SOURCE_ROOT.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 && out.matches("[0-9a-f]{12}") ? out : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(f -> !f.toString().contains("/lib/launch")).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
