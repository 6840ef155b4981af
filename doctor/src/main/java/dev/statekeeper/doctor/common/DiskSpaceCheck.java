package dev.statekeeper.doctor.common;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Severity;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * {@code disk-space}: the free share of the file system that holds a store's files (seed 003: "verify disk space
 * availability, > 20 % free"), as a process without root privileges may use it. P2 below
 * STATEKEEPER_DOCTOR_DISK_FREE_PERCENT, P1 below STATEKEEPER_DOCTOR_DISK_FREE_CRITICAL_PERCENT: writes then fail with
 * DISK_FULL, and a SQLite VACUUM or a backup needs room of the store's size. It runs when the store cannot be
 * reached too: a full disk may be why.
 */
public final class DiskSpaceCheck implements Check<Object> {
    private final Function<Settings, Path> directory;

    /** The check of the file system under {@code directory} (the store's directory; its nearest existing parent). */
    public DiskSpaceCheck(Function<Settings, Path> directory) {
        this.directory = directory;
    }

    @Override
    public String id() {
        return "disk-space";
    }

    @Override
    public String title() {
        return "Free disk space for the store";
    }

    @Override
    public boolean cheap() {
        return true;
    }

    @Override
    public boolean needsConnection() {
        return false;
    }

    @Override
    public CheckResult run(Object handle, CheckContext context) throws IOException {
        Path dir = existing(directory.apply(context.settings()).toAbsolutePath());
        FileStore store = Files.getFileStore(dir);
        long total = store.getTotalSpace();
        long free = store.getUsableSpace();
        int warn = context.integer(Setting.DOCTOR_DISK_FREE_PERCENT);
        int critical = context.integer(Setting.DOCTOR_DISK_FREE_CRITICAL_PERCENT);
        CheckResult.Builder result = CheckResult.of(this).evidence("path", dir.toString())
                .evidence("fileSystem", store.name()).evidence("freeBytes", free).evidence("totalBytes", total)
                .threshold(">= " + warn + " % free (" + context.named(Setting.DOCTOR_DISK_FREE_PERCENT) + "; P1 below "
                        + critical + " %, " + context.named(Setting.DOCTOR_DISK_FREE_CRITICAL_PERCENT) + ")");
        if (total <= 0) {
            return result.skipped("the file system of '" + dir + "' does not say its size");
        }
        double percent = Math.floor(free * 1000.0 / total) / 10.0;
        result.evidence("freePercent", percent);
        String said = percent + " % free on the file system of '" + dir + "' (" + free / (1024 * 1024) + " MiB of "
                + total / (1024 * 1024) + " MiB)";
        if (percent >= warn) {
            return result.ok(said);
        }
        return result.runbook("make room on that file system: remove old backups ('statekeeper db backups' lists them; "
                        + "'statekeeper db backup --keep N' keeps the newest N), exports and logs, or move "
                        + "STATEKEEPER_DATA_DIR to a larger disk; a full disk fails every write with DISK_FULL")
                .finding(percent < critical ? Severity.P1 : Severity.P2, "only " + said);
    }

    private static Path existing(Path dir) {
        Path p = dir;
        while (p != null && !Files.isDirectory(p)) {
            p = p.getParent();
        }
        return p == null ? dir : p;
    }
}
