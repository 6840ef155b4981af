package dev.statekeeper.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full disk made for real: a {@link SecondJvm} runs a main class with a 1 MiB tmpfs mounted at
 * {@code <dir>/small} in a mount namespace of its own (unshare), so nothing outside the process sees the mount and it
 * goes away with the process. Needs root (or user namespaces); where the mount is refused the test is skipped
 * (an assumption) and says why.
 */
public final class SmallDisk {
    private SmallDisk() {
    }

    /** Where {@link #run} mounts the 1 MiB tmpfs. */
    public static Path mount(Path dir) {
        return dir.resolve("small");
    }

    /**
     * Runs {@code main} with the one argument {@code arg} (a path under {@link #mount}), asserts that it exited 0 and
     * returns the lines it printed.
     */
    public static List<String> run(Path dir, Class<?> main, Path arg) throws IOException, InterruptedException {
        Path mount = Files.createDirectories(mount(dir));
        String command = "mount -t tmpfs -o size=1m tmpfs '" + mount + "' && exec "
                + String.join(" ", SecondJvm.command(main, arg.toString()).stream().map(a -> "'" + a + "'").toList());
        Path errors = dir.resolve("err.txt");
        Process process = new ProcessBuilder(List.of("unshare", "--mount", "sh", "-c", command))
                .redirectError(errors.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(errors);
        assumeTrue(process.exitValue() == 0 || !(err.contains("unshare") || err.contains("mount")),
                () -> "cannot mount a small filesystem here (needs root or user namespaces): " + err.strip());
        assertThat(process.exitValue()).as(err).isZero();
        return out.lines().toList();
    }
}
