package dev.statekeeper.cli.container;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Builds the image from the Dockerfile and runs it, with docker or podman, where a container engine runs; where
 * none does (no CLI, or a CLI whose daemon does not answer) it says so and is skipped.
 */
class ContainerImageIT {
    private static final Path SOURCE_ROOT = Path.of(System.getProperty("statekeeper.source.root", "..")).toAbsolutePath();
    private static final String IMAGE = "statekeeper:it";

    private record Result(int exit, String output) {}

    private static Result exec(long timeoutSeconds, String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).directory(SOURCE_ROOT.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output + "(timed out)");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, "not on PATH");
        }
    }

    /** The first of docker and podman whose engine answers; else skips the test, saying why each did not. */
    private static String engine() throws InterruptedException {
        List<String> tried = new ArrayList<>();
        for (String candidate : List.of("docker", "podman")) {
            Result info = exec(60, candidate, "info");
            if (info.exit() == 0) {
                return candidate;
            }
            String reason = info.output().strip().lines().reduce((a, b) -> b).orElse("exit " + info.exit());
            tried.add(candidate + ": " + reason);
        }
        assumeTrue(false, "no container engine runs here, the image is not built (" + String.join("; ", tried) + ")");
        throw new AssertionError("unreachable");
    }

    @Test
    void theImageBuildsAndRunsAsANonRootUserWithItsHealthcheck() throws Exception {
        String engine = engine();
        Result build = exec(1800, engine, "build", "-t", IMAGE, ".");
        assertThat(build.exit()).as(build.output()).isZero();

        Result version = exec(120, engine, "run", "--rm", IMAGE, "--version");
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("statekeeper ");

        Result user = exec(120, engine, "run", "--rm", "--entrypoint", "id", IMAGE, "-u");
        assertThat(user.output().strip()).isEqualTo("10001");

        Result health = exec(120, engine, "image", "inspect", "--format", "{{json .Config.Healthcheck}}", IMAGE);
        assertThat(health.output()).contains("\"statekeeper\",\"healthcheck\"");

        // the HEALTHCHECK's command on the image's own store, once one exists (serve creates it at start)
        Result healthcheck = exec(300, engine, "run", "--rm", "--entrypoint", "sh", IMAGE, "-c",
                "statekeeper init >/dev/null && statekeeper healthcheck");
        assertThat(healthcheck.exit()).as(healthcheck.output()).isZero();
    }
}
