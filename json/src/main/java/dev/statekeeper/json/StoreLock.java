package dev.statekeeper.json;

import dev.statekeeper.core.internal.io.OwnerOnly;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writers' lock of one store file, across threads and processes: first a lock shared by every store of
 * this JVM on the file (the operating system's locks belong to a whole process), then an exclusive
 * {@link FileLock} on {@code state.json.lock}, into which the holder writes its pid. A writer waits up to
 * STATEKEEPER_JSON_LOCK_TIMEOUT for both, then fails with DATABASE_BUSY naming the pid that holds the lock.
 * The lock file is opened only while this JVM's lock is held, so closing it never drops a lock that another
 * channel of this process holds.
 */
final class StoreLock {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long PID = ProcessHandle.current().pid();

    private final String what;
    private final Path file;
    private final Path lockFile;
    private final Duration timeout;
    private final ReentrantLock inProcess;

    /** A lock on the store in an existing directory; stores reaching it through symlinks share one JVM lock. */
    StoreLock(StorePaths paths, Duration timeout) throws IOException {
        this(FileErrors.STORE, paths.file(), paths.lock(), timeout);
    }

    /**
     * The same kind of lock on another file of the store, through a lock file of its own: {@code what} and
     * {@code file} name it in messages ("operation log", {@code state.json.oplog}).
     */
    StoreLock(String what, Path file, Path lockFile, Duration timeout) throws IOException {
        this.what = what;
        this.file = file;
        this.lockFile = lockFile;
        this.timeout = timeout;
        Path key = lockFile.getParent().toRealPath().resolve(lockFile.getFileName());
        this.inProcess = IN_PROCESS.computeIfAbsent(key, p -> new ReentrantLock(true));
    }

    /** The lock, held until {@link Held#close()}. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    Held acquire() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!inProcess.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw FileErrors.busy(what, file, PID, timeout);
            }
        } catch (InterruptedException e) {
            throw FileErrors.interrupted(what, file, e);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), OwnerOnly.newFile());
            FileLock lock = await(channel, deadline);
            if (lock == null) {
                throw FileErrors.busy(what, file, holder(channel), timeout);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((PID + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            FileChannel held = channel;
            return () -> release(held);
        } catch (IOException e) {
            closeQuietly(channel, e);
            inProcess.unlock();
            throw FileErrors.writeFailed(what, file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            inProcess.unlock();
            throw e;
        }
    }

    /** Tries for the file lock with growing pauses (1 to 10 ms) until the deadline; null when it passed. */
    private static FileLock await(FileChannel channel, long deadline) throws IOException {
        long pause = TimeUnit.MILLISECONDS.toNanos(1);
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // this JVM holds it through another path to the same file (a symlink): wait like for another process
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            LockSupport.parkNanos(Math.min(pause, left));
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }

    /** The pid the holder wrote, or null when it has not written it yet. */
    private static Long holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        try {
            return text.isEmpty() ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void release(FileChannel channel) {
        try {
            channel.close(); // releases the file lock
        } catch (IOException e) {
            // the lock goes with the channel even when close reports an error
        } finally {
            inProcess.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
