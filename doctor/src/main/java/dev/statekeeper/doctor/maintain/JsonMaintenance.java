package dev.statekeeper.doctor.maintain;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link Maintenance} of a json store: its backups ({@code state.json.1} newest .. {@code .N}) compacted by the
 * rotation's rule, under the store's write lock ({@code state.json.lock}, waited for at most
 * STATEKEEPER_JSON_LOCK_TIMEOUT): those beyond STATEKEEPER_JSON_BACKUPS deleted, gaps closed in order.
 */
final class JsonMaintenance {
    /** The most backups STATEKEEPER_JSON_BACKUPS allows, as the json backend looks for them. */
    private static final int MAX_BACKUPS = 100;

    private JsonMaintenance() {
    }

    static Path file(Settings settings) {
        Path file = settings.dataDir().resolve("state.json").toAbsolutePath().normalize();
        try {
            return Files.isSymbolicLink(file) ? file.toRealPath() : file;
        } catch (IOException e) {
            return file;
        }
    }

    @SuppressWarnings("try") // the lock is held by being open
    static MaintenanceRun run(Settings settings, Clock clock, boolean dryRun) {
        Path file = file(settings);
        if (!Files.isRegularFile(file)) {
            throw new StatekeeperException(ErrorCode.CANNOT_OPEN, "json store '" + file + "' "
                    + (Files.exists(file) ? "is not a file" : "does not exist") + "; create it with 'statekeeper init'");
        }
        int keep = settings.integer(Setting.JSON_BACKUPS);
        Instant started = clock.instant();
        long start = System.nanoTime();
        Steps steps = new Steps(dryRun);
        Maintenance.pruneEvents(steps, settings, clock);
        try (FileChannel lock = dryRun ? null : lock(file, settings)) {
            List<Integer> kept = new ArrayList<>();
            for (int n = 1; n <= MAX_BACKUPS; n++) {
                Path backup = backup(file, n);
                if (!Files.exists(backup)) {
                    continue;
                }
                if (n > keep) {
                    steps.run("delete " + backup.getFileName() + " (beyond " + Setting.JSON_BACKUPS.variable() + "="
                            + keep + ")", () -> {
                                Files.delete(backup);
                                return "ok";
                            });
                } else {
                    kept.add(n);
                }
            }
            for (int i = 0; i < kept.size(); i++) {
                Path from = backup(file, kept.get(i));
                Path to = backup(file, i + 1);
                if (!from.equals(to)) {
                    steps.run("rename " + from.getFileName() + " to " + to.getFileName() + " (close a gap)", () -> {
                        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
                        return "ok";
                    });
                }
            }
            MaintenanceRun done = new MaintenanceRun("json", file.toString(), started,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), dryRun, steps.result(), steps.steps());
            if (!dryRun) {
                MaintenanceLog.appendJson(file, done);
            }
            return done;
        } catch (IOException e) {
            throw new StatekeeperException(ErrorCode.BACKEND_UNAVAILABLE, "db maintain of json store '" + file
                    + "' failed: " + e.getMessage(), e);
        }
    }

    static Path backup(Path file, int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    /** The store's write lock, as its writers take it; DATABASE_BUSY when another holds it past the timeout. */
    private static FileChannel lock(Path file, Settings settings) throws IOException {
        Path path = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + settings.seconds(Setting.JSON_LOCK_TIMEOUT).toNanos();
        try {
            while (true) {
                FileLock held = tryLock(channel);
                if (held != null) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                            .getBytes(StandardCharsets.US_ASCII)), 0);
                    return channel;
                }
                if (System.nanoTime() >= deadline) {
                    throw new StatekeeperException(ErrorCode.DATABASE_BUSY, "json store '" + file + "' is locked by "
                            + "another writer for longer than " + Setting.JSON_LOCK_TIMEOUT.variable() + " ("
                            + settings.raw(Setting.JSON_LOCK_TIMEOUT).trim() + " s); try again when it is done");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this process holds it (a store open in it): wait as for another process
        }
    }
}
