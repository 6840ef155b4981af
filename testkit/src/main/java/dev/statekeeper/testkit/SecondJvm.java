package dev.statekeeper.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another process of Statekeeper made for real: a second JVM, on this test's class path, runs a main class of the
 * tests. Its log goes to its stderr (the test JVM's log file belongs to the test JVM: a second writer would truncate
 * it). {@link SmallDisk} runs one under a mount namespace of its own.
 */
public final class SecondJvm {
    private SecondJvm() {
    }

    /** The command line that runs {@code main} with {@code args} in a new JVM on this JVM's class path. */
    public static List<String> command(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.logFile=System.err", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs {@code main} with {@code args} in a second JVM (its stderr in {@code dir/err.txt}), asserts that it exited
     * 0 within two minutes and returns the lines it printed.
     */
    public static List<String> run(Path dir, Class<?> main, String... args) throws IOException, InterruptedException {
        Path errors = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command(main, args)).redirectError(errors.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the second JVM finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(errors)).isZero();
        return out.lines().toList();
    }

    private static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
