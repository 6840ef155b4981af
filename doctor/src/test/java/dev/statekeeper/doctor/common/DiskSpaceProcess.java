package dev.statekeeper.doctor.common;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Doctor;
import dev.statekeeper.doctor.Selection;
import dev.statekeeper.doctor.Stores;
import dev.statekeeper.testkit.TestClock;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by {@link DiskSpaceTest} in a process of its own, on a small file system mounted for it: creates a SQLite store
 * there, fills the file system to 90 % and then to 98 %, and prints the disk-space result after each, one line each:
 * {@code status severity freePercent message}.
 */
public final class DiskSpaceProcess {
    private DiskSpaceProcess() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Settings settings = Stores.settings("sqlite", dir);
        TestClock clock = TestClock.frozen();
        Stores.init(settings, clock);
        print(settings, clock);
        fill(dir, "filler-1", 0.10);
        print(settings, clock);
        fill(dir, "filler-2", 0.02);
        print(settings, clock);
    }

    /** Writes a file that leaves {@code free} of the file system free (within a page). */
    private static void fill(Path dir, String name, double free) throws IOException {
        FileStore store = Files.getFileStore(dir);
        long bytes = store.getUsableSpace() - (long) (free * store.getTotalSpace());
        Files.write(dir.resolve(name), new byte[(int) Math.max(0, bytes)]);
    }

    private static void print(Settings settings, TestClock clock) {
        CheckResult r = Doctor.run(settings, clock, Selection.of(List.of("disk-space"))).check("disk-space").orElseThrow();
        System.out.println(r.status().wire() + " " + r.severity() + " " + r.evidence().get("freePercent") + " "
                + r.message());
    }
}
