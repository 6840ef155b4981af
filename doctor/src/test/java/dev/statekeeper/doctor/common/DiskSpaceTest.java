package dev.statekeeper.doctor.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code disk-space} on a file system that is really filling up: a second JVM runs the doctor on a 1 MiB tmpfs
 * mounted in a mount namespace of its own (unshare; the technique of jdbc's SqliteDiskFullTest), so nothing outside
 * the process sees it. Needs root (or user namespaces); where that is refused the test is skipped and says why.
 */
class DiskSpaceTest {
    @TempDir
    Path dir;

    @Test
    void aFileSystemFillingUpIsP2BelowTwentyPercentFreeAndP1BelowFive() throws Exception {
        Path mount = dir.resolve("small");
        Files.createDirectories(mount);
        String java = ProcessHandle.current().info().command().orElse("java");
        String command = "mount -t tmpfs -o size=1m tmpfs '" + mount + "' && exec '" + java
                + "' --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.logFile=System.err -cp '"
                + System.getProperty("java.class.path") + "' " + DiskSpaceProcess.class.getName() + " '" + mount + "'";
        Process process = new ProcessBuilder(List.of("unshare", "--mount", "sh", "-c", command))
                .redirectError(dir.resolve("err.txt").toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        assumeTrue(process.exitValue() == 0 || !(err.contains("unshare") || err.contains("mount")),
                () -> "cannot mount a small filesystem here (needs root or user namespaces): " + err.strip());

        assertThat(process.exitValue()).as(err).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("ok null ");
        assertThat(lines.get(1)).matches("finding P2 (9\\.\\d|10\\.0) only \\1 % free on the file system of '"
                + mount + "' \\(0 MiB of 1 MiB\\)");
        assertThat(lines.get(2)).matches("finding P1 [12]\\.\\d only .* % free on the file system of '" + mount + "'.*");
    }
}
