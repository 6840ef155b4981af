package dev.statekeeper.json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second JVM running a main class of these tests with the same class path, talking by lines: it prints
 * "ready" once started, waits for "go" on stdin, prints a line per step. Its stderr goes to a file that failed
 * assertions show.
 */
final class JavaProcess {
    private final Process process;
    private final BufferedReader out;
    private final Path err;

    private JavaProcess(Process process, Path err) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.err = err;
    }

    static JavaProcess start(Path err, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        JavaProcess started = new JavaProcess(new ProcessBuilder(command).redirectError(err.toFile()).start(), err);
        assertThat(started.out.readLine()).as(started::stderr).isEqualTo("ready");
        return started;
    }

    long pid() {
        return process.pid();
    }

    void go() throws IOException {
        process.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    String readLine() throws IOException {
        return out.readLine();
    }

    /** Reads until the process has printed "written" {@code count} times. */
    void awaitWritten(int count) throws IOException {
        for (int seen = 0; seen < count; ) {
            String line = out.readLine();
            assertThat(line).as(this::stderr).isNotNull();
            if (line.equals("written")) {
                seen++;
            }
        }
    }

    /** Waits for the end and returns everything it printed after what was read. */
    String finish() throws Exception {
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the second process finished").isTrue();
        StringBuilder rest = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            rest.append(line).append('\n');
        }
        assertThat(process.exitValue()).as(this::stderr).isZero();
        return rest.toString();
    }

    /** SIGKILL, as kill -9: no shutdown hook, no finally block runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    String stderr() {
        try {
            return Files.readString(err);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
