package dev.statekeeper.doctor.common;

import dev.statekeeper.testkit.SmallDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code disk-space} on a file system that is really filling up: a second JVM runs the doctor on a 1 MiB tmpfs
 * mounted in a mount namespace of its own (testkit's SmallDisk, as SqliteDiskFullTest uses it), so nothing outside
 * the process sees it. Needs root (or user namespaces); where that is refused the test is skipped and says why.
 */
class DiskSpaceTest {
    @TempDir
    Path dir;

    @Test
    void aFileSystemFillingUpIsP2BelowTwentyPercentFreeAndP1BelowFive() throws Exception {
        Path mount = SmallDisk.mount(dir);
        List<String> lines = SmallDisk.run(dir, DiskSpaceProcess.class, mount);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("ok null ");
        assertThat(lines.get(1)).matches("finding P2 (9\\.\\d|10\\.0) only \\1 % free on the file system of '"
                + mount + "' \\(0 MiB of 1 MiB\\)");
        assertThat(lines.get(2)).matches("finding P1 [12]\\.\\d only .* % free on the file system of '" + mount + "'.*");
    }
}
