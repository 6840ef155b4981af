package dev.statekeeper.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test tools from npm, pinned by src/test/node/package-lock.json (Redocly's OpenAPI linter for OpenApiTest,
 * axe-core for the dashboard's AccessibilityBrowserTest), installed once into {@link #DIR} with {@code npm ci}: the
 * only download a test makes, and only of the locked versions. One install at a time (test classes run in parallel).
 */
public final class NodePackages {
    /** Where the packages are installed and the tools run. */
    public static final Path DIR = Path.of("target", "node-tools");
    private static final Path SOURCE = Path.of("src", "test", "node");

    private NodePackages() {
    }

    /** node on the PATH, if it is there. */
    public static Optional<Path> node() {
        return onPath("node");
    }

    /**
     * Installs the locked packages unless each named one is installed already from the same lockfile; false when
     * node or npm is not on the PATH (the caller skips).
     *
     * @param packages the packages the caller needs ({@code axe-core})
     * @return whether they are installed under {@link #DIR}/node_modules
     */
    public static synchronized boolean install(String... packages) throws IOException, InterruptedException {
        Optional<Path> npm = onPath("npm");
        if (node().isEmpty() || npm.isEmpty()) {
            return false;
        }
        Files.createDirectories(DIR);
        Path lock = DIR.resolve("package-lock.json");
        boolean sameLock = Files.exists(lock) && Arrays.equals(Files.readAllBytes(lock),
                Files.readAllBytes(SOURCE.resolve("package-lock.json")));
        for (String file : List.of("package.json", "package-lock.json")) {
            Files.copy(SOURCE.resolve(file), DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        boolean present = Arrays.stream(packages)
                .allMatch(p -> Files.exists(DIR.resolve("node_modules").resolve(p).resolve("package.json")));
        if (!sameLock || !present) {
            run(List.of(npm.orElseThrow().toString(), "ci", "--no-audit", "--no-fund"), "npm-ci", 600);
        }
        return true;
    }

    /** Runs a command in {@link #DIR}; fails with its output unless it exits 0 in time; its output. */
    public static String run(List<String> command, String name, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = DIR.resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process process = builder.start();
        boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly().waitFor();
        }
        String text = Files.readString(out);
        assertThat(done && process.exitValue() == 0).as(String.join(" ", command) + "\n" + text).isTrue();
        return text;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Stream.of(path.split(File.pathSeparator))
                .map(d -> Path.of(d, program)).filter(Files::isExecutable).findFirst();
    }
}
