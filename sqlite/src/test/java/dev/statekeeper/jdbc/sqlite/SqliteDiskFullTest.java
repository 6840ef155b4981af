package dev.statekeeper.jdbc.sqlite;

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
 * SQLITE_FULL produced for real: a second JVM runs the store on a 1 MiB tmpfs mounted in a mount namespace of its
 * own (unshare), so nothing outside the process sees it and it goes away with the process. Needs root (or user
 * namespaces); where that is refused the test is skipped and says why.
 */
class SqliteDiskFullTest {
    @TempDir
    Path dir;

    @Test
    void aFullDiskIsDiskFullAndEveryAcknowledgedEntryIsKept() throws Exception {
        Path mount = dir.resolve("small");
        Files.createDirectories(mount);
        String java = ProcessHandle.current().info().command().orElse("java");
        String command = "mount -t tmpfs -o size=1m tmpfs '" + mount + "' && exec '" + java
                + "' --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.logFile=System.err -cp '" + System.getProperty("java.class.path") + "' "
                + DiskFullProcess.class.getName() + " '" + mount.resolve("state.db") + "'";
        Process process = new ProcessBuilder(List.of("unshare", "--mount", "sh", "-c", command))
                .redirectError(dir.resolve("err.txt").toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        assumeTrue(process.exitValue() == 0 || !(err.contains("unshare") || err.contains("mount")),
                () -> "cannot mount a small filesystem here (needs root or user namespaces): " + err.strip());

        assertThat(process.exitValue()).as(err).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines.getFirst()).startsWith("DISK_FULL add feedback to loop '")
                .contains("failed on sqlite database '" + mount.resolve("state.db") + "': [SQLITE_FULL]");
        String[] counts = lines.get(1).replaceAll("[^0-9 ]", "").trim().split("\\s+");
        assertThat(Integer.parseInt(counts[0])).as("entries appended before the disk was full").isPositive();
        assertThat(counts[1]).as("entries kept after reopening").isEqualTo(counts[0]);
    }
}
