package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.testkit.SmallDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
        Path mount = SmallDisk.mount(dir);
        List<String> lines = SmallDisk.run(dir, DiskFullProcess.class, mount.resolve("state.db"));
        assertThat(lines.getFirst()).startsWith("DISK_FULL add feedback to loop '")
                .contains("failed on sqlite database '" + mount.resolve("state.db") + "': [SQLITE_FULL]");
        String[] counts = lines.get(1).replaceAll("[^0-9 ]", "").trim().split("\\s+");
        assertThat(Integer.parseInt(counts[0])).as("entries appended before the disk was full").isPositive();
        assertThat(counts[1]).as("entries kept after reopening").isEqualTo(counts[0]);
    }
}
