package dev.statekeeper.json;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.TestClock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** A missing, unreadable or unwritable file, each with its own message and fix. */
class JsonFileErrorsTest {
    private final TestClock clock = new TestClock();

    @TempDir
    Path dir;

    private Settings settings() {
        return Settings.builder().set(Setting.DATA_DIR, dir.toString()).build();
    }

    private Path file() {
        return dir.resolve("state.json");
    }

    private static void assertFails(ThrowingCallable call, ErrorCode code, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }

    private Loop storeWithOneLoop() {
        try (StateStore store = JsonStateStore.open(settings(), clock)) {
            return store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        }
    }

    @Test
    void aMissingFileWhoseBackupsExistIsRefusedInsteadOfStartingEmpty() throws Exception {
        storeWithOneLoop();
        Files.delete(file());

        assertFails(() -> JsonStateStore.open(settings(), clock), ErrorCode.CANNOT_OPEN, "json store '" + file()
                + "' is missing but its backup '" + file() + ".1' exists, so it was moved or deleted: copy the backup back "
                + "(cp '" + file() + ".1' '" + file() + "') or, to start an empty store, move the backups away");
        assertThat(file()).doesNotExist();
    }

    @Test
    void aFileDeletedUnderAnOpenStoreWithoutBackupsIsReportedNotRecreated() throws Exception {
        Settings noBackups = settings().toBuilder().set(Setting.JSON_BACKUPS, "0").build();
        try (StateStore store = JsonStateStore.open(noBackups, clock)) {
            store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            Files.delete(file());

            String message = "json store '" + file() + "' was deleted while the store was open: put the file back, "
                    + "or reopen the store to start an empty one";
            assertFails(() -> store.listLoops(LoopQuery.all()), ErrorCode.CANNOT_OPEN, message);
            assertFails(() -> store.createLoop(NewLoop.of("demo", LoopType.SPEC)), ErrorCode.CANNOT_OPEN, message);
            assertThat(file()).doesNotExist();
        }
    }

    @Test
    void aLinkToAFileThatIsNotThereIsRefusedAndLeftInPlace() throws Exception {
        Path target = dir.resolve("unmounted").resolve("state.json");
        Files.createSymbolicLink(file(), target);

        assertFails(() -> JsonStateStore.open(settings(), clock), ErrorCode.CANNOT_OPEN, "json store '" + file()
                + "' is a symbolic link to '" + target + "', which does not exist: mount or restore it, or remove the "
                + "link to start an empty store");
        assertThat(Files.isSymbolicLink(file())).isTrue();
    }

    @Test
    void aDirectoryInPlaceOfTheFileCannotBeRead() throws Exception {
        Files.createDirectories(file());

        assertFails(() -> JsonStateStore.open(settings(), clock), ErrorCode.CANNOT_OPEN,
                "json store '" + file() + "' is a directory, not a file; point the settings (DATABASE_URL "
                        + "sqlite:/path/state.db, STATEKEEPER_DATA_DIR) at a file or a place for a new one");
    }

    @Test
    void aFifoInPlaceOfTheFileIsRefusedBeforeItIsOpened() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", file().toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");

        assertFails(() -> JsonStateStore.open(settings(), clock), ErrorCode.CANNOT_OPEN,
                "json store '" + file() + "' is a FIFO (named pipe), not a file; point the settings (DATABASE_URL "
                        + "sqlite:/path/state.db, STATEKEEPER_DATA_DIR) at a file or a place for a new one");
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsReported() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
        Settings settings = Settings.builder().set(Setting.DATA_DIR, blocker.resolve("statekeeper").toString()).build();

        assertFails(() -> JsonStateStore.open(settings, clock), ErrorCode.CANNOT_OPEN, "cannot create the directory '"
                + blocker.resolve("statekeeper") + "' of json store '" + blocker.resolve("statekeeper").resolve("state.json")
                + "': Not a directory");
    }

    /** Skipped when the tests run as root, whom file permissions do not stop; the messages are checked below. */
    @Test
    void anUnreadableFileIsReportedWithChmod() throws Exception {
        storeWithOneLoop();
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(file())).as("running as root: permissions do not stop reads").isFalse();

        assertFails(() -> JsonStateStore.open(settings(), clock), ErrorCode.CANNOT_OPEN, "cannot read json store '"
                + file() + "': permission denied; make it readable: chmod u+rw '" + file() + "'");
    }

    /** A write-protected file opens and reads, and refuses writes; skipped as root (see above). */
    @Test
    void aWriteProtectedFileIsReadOnly() throws Exception {
        Loop loop = storeWithOneLoop();
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("r--r--r--"));
        assumeThat(Files.isWritable(file())).as("running as root: permissions do not stop writes").isFalse();
        byte[] before = Files.readAllBytes(file());

        try (StateStore store = JsonStateStore.open(settings(), clock)) {
            assertThat(store.getLoop(loop.id())).isEqualTo(loop);
            assertFails(() -> store.deleteLoop(loop.id()), ErrorCode.READ_ONLY, "json store '" + file()
                    + "' is read-only (no write permission); make it writable: chmod u+w '" + file() + "'");
        }
        assertThat(Files.readAllBytes(file())).isEqualTo(before);
    }

    /** A write-protected directory: the file still reads, writes are refused naming the directory; skipped as root. */
    @Test
    void aWriteProtectedDirectoryIsReadOnly() throws Exception {
        Loop loop = storeWithOneLoop();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeThat(Files.isWritable(dir)).as("running as root: permissions do not stop writes").isFalse();

            try (StateStore store = JsonStateStore.open(settings(), clock)) {
                assertThat(store.getLoop(loop.id())).isEqualTo(loop);
                assertFails(() -> store.deleteLoop(loop.id()), ErrorCode.READ_ONLY, "cannot write json store '" + file()
                        + "': permission denied on '" + dir + "'; the previous version is kept; make it writable: "
                        + "chmod u+w '" + dir + "'");
            }
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void permissionDeniedOnAWriteNamesTheFileToChmodOrTheDirectoryToCreateItIn() throws Exception {
        storeWithOneLoop();
        Path lock = dir.resolve("state.json.lock");
        Path temp = dir.resolve("state.json.tmp");

        StatekeeperException onLock = FileErrors.writeFailed(file(), new AccessDeniedException(lock.toString()));
        StatekeeperException onTemp = FileErrors.writeFailed(file(), new AccessDeniedException(temp.toString()));

        assertThat(onLock.code()).isEqualTo(ErrorCode.READ_ONLY);
        assertThat(onLock).hasMessage("cannot write json store '" + file() + "': permission denied on '" + lock
                + "'; the previous version is kept; make it writable: chmod u+w '" + lock + "'");
        assertThat(onTemp).hasMessage("cannot write json store '" + file() + "': permission denied on '" + dir
                + "'; the previous version is kept; make it writable: chmod u+w '" + dir + "'");
    }

    @Test
    void permissionDeniedOnAReadSaysToChmod() {
        StatekeeperException e = FileErrors.unreadable(file(), new AccessDeniedException(file().toString()));

        assertThat(e.code()).isEqualTo(ErrorCode.CANNOT_OPEN);
        assertThat(e).hasMessage("cannot read json store '" + file() + "': permission denied; make it readable: "
                + "chmod u+rw '" + file() + "'");
    }

    /** The error the kernel gives when a disk is full, taken from /dev/full, which is always full. */
    @Test
    void aFullDiskIsDiskFullAndKeepsThePreviousVersion() {
        storeWithOneLoop();
        Path full = Path.of("/dev/full");
        assumeThat(Files.isWritable(full)).as("/dev/full exists").isTrue();
        IOException noSpace = null;
        try {
            Files.write(full, new byte[] {1});
        } catch (IOException e) {
            noSpace = e;
        }
        assertThat(noSpace).isNotNull();

        StatekeeperException e = FileErrors.writeFailed(file(), noSpace);

        assertThat(e.code()).isEqualTo(ErrorCode.DISK_FULL);
        assertThat(e).hasMessage("cannot write json store '" + file() + "': No space left on device; the previous "
                + "version is kept; free space or move STATEKEEPER_DATA_DIR to a larger disk");
    }
}
