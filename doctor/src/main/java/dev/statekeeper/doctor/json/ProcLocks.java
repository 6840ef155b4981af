package dev.statekeeper.doctor.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Linux's table of file locks, {@code /proc/locks}: who holds a lock on a file, found by the file's device and inode
 * ({@code 1: POSIX  ADVISORY  WRITE 4242 fd:01:1234567 0 EOF}), and how many wait for it (lines with {@code ->}).
 * Reading it opens nothing of the store's.
 */
final class ProcLocks {
    static final Path FILE = Path.of("/proc/locks");

    /** The process holding the lock (its pid; -1 for a lock of an open file description) and the waiters. */
    record Holder(long pid, int waiting) {
    }

    private ProcLocks() {
    }

    static boolean available() {
        return Files.isReadable(FILE);
    }

    /** The holder of a lock on {@code file}, if any. */
    static Optional<Holder> holder(Path file) throws IOException {
        long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        long dev = ((Number) Files.getAttribute(file, "unix:dev")).longValue();
        String id = String.format("%02x:%02x:%d", major(dev), minor(dev), inode);
        Long pid = null;
        int waiting = 0;
        for (String line : List.copyOf(Files.readAllLines(FILE))) {
            String[] f = line.trim().split("\\s+");
            boolean waiter = f.length > 1 && f[1].equals("->");
            int at = waiter ? 2 : 1;
            if (f.length < at + 5 || !f[at + 4].equals(id)) {
                continue;
            }
            if (waiter) {
                waiting++;
            } else if (pid == null) {
                pid = Long.parseLong(f[at + 3]);
            }
        }
        return pid == null ? Optional.empty() : Optional.of(new Holder(pid, waiting));
    }

    /** The major number of a Linux dev_t. */
    private static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    }

    /** The minor number of a Linux dev_t. */
    private static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    }
}
