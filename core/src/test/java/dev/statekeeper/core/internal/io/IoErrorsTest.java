package dev.statekeeper.core.internal.io;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.IoErrors.Access;
import dev.statekeeper.core.internal.io.IoErrors.Cause;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The one reading of a failed file operation. The exceptions are built as the JDK builds them on Linux: a write to
 * an open channel throws {@code IOException(strerror)}, a file operation {@code FileSystemException(path, null,
 * strerror)} or its subclass for EACCES, ENOENT and EEXIST.
 */
class IoErrorsTest {
    private static final String FILE = "/data/x.jsonl";

    @TempDir
    Path dir;

    static Stream<Arguments> writes() {
        return Stream.of(
                arguments(new IOException("No space left on device"), Cause.NO_SPACE, ErrorCode.DISK_FULL,
                        "No space left on device"),
                arguments(new FileSystemException(FILE, null, "Disk quota exceeded"), Cause.NO_SPACE, ErrorCode.DISK_FULL,
                        "Disk quota exceeded"),
                arguments(new IOException("Disc quota exceeded"), Cause.NO_SPACE, ErrorCode.DISK_FULL,
                        "Disc quota exceeded"),
                arguments(new IOException("File too large"), Cause.NO_SPACE, ErrorCode.DISK_FULL, "File too large"),
                arguments(new IOException("There is not enough space on the disk"), Cause.NO_SPACE, ErrorCode.DISK_FULL,
                        "There is not enough space on the disk"),
                arguments(new FileSystemException(FILE, null, "Read-only file system"), Cause.READ_ONLY_FILE_SYSTEM,
                        ErrorCode.READ_ONLY, "Read-only file system"),
                arguments(new AccessDeniedException(FILE), Cause.PERMISSION_DENIED, ErrorCode.READ_ONLY,
                        "permission denied"),
                arguments(new FileSystemException(FILE, null, "Operation not permitted"), Cause.PERMISSION_DENIED,
                        ErrorCode.READ_ONLY, "Operation not permitted"),
                arguments(new FileNotFoundException(FILE + " (Permission denied)"), Cause.PERMISSION_DENIED,
                        ErrorCode.READ_ONLY, FILE + " (Permission denied)"),
                arguments(new NoSuchFileException(FILE), Cause.NOT_FOUND, ErrorCode.CANNOT_OPEN, "no such file"),
                arguments(new FileNotFoundException(FILE + " (No such file or directory)"), Cause.NOT_FOUND,
                        ErrorCode.CANNOT_OPEN, FILE + " (No such file or directory)"),
                arguments(new FileSystemException(FILE, null, "Not a directory"), Cause.OTHER, ErrorCode.CANNOT_OPEN,
                        "Not a directory"),
                arguments(new FileSystemException(FILE, null, "Is a directory"), Cause.OTHER, ErrorCode.CANNOT_OPEN,
                        "Is a directory"),
                arguments(new IOException("Input/output error"), Cause.OTHER, ErrorCode.CANNOT_OPEN, "Input/output error"),
                arguments(new FileSystemException(FILE, null, "Too many open files"), Cause.OTHER, ErrorCode.CANNOT_OPEN,
                        "Too many open files"),
                arguments(new FileSystemException(FILE, null, "File name too long"), Cause.OTHER, ErrorCode.CANNOT_OPEN,
                        "File name too long"),
                arguments(new FileAlreadyExistsException("/data", null, "it is not a directory"), Cause.OTHER,
                        ErrorCode.CANNOT_OPEN, "'/data' is in the way (it is not a directory)"),
                arguments(new FileAlreadyExistsException(FILE), Cause.OTHER, ErrorCode.CANNOT_OPEN,
                        "'" + FILE + "' already exists"),
                arguments(new DirectoryNotEmptyException("/data"), Cause.OTHER, ErrorCode.CANNOT_OPEN,
                        "'/data' is not empty"),
                arguments(new FileSystemException(FILE), Cause.OTHER, ErrorCode.CANNOT_OPEN,
                        "FileSystemException '" + FILE + "'"),
                arguments(new IOException(), Cause.OTHER, ErrorCode.CANNOT_OPEN, "IOException"));
    }

    @ParameterizedTest
    @MethodSource("writes")
    void aFailedWriteIsTheCodeOfItsCauseAndSaysWhy(IOException e, Cause cause, ErrorCode code, String reason) {
        StatekeeperException error = IoErrors.cannotWrite("export file '" + FILE + "'", e);

        assertThat(IoErrors.cause(e)).isEqualTo(cause);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error).hasMessage("cannot write export file '" + FILE + "': " + reason).hasCause(e);
    }

    @Test
    void aReadThatIsRefusedOrFindsNothingIsTheCallersCode() {
        StatekeeperException refused = IoErrors.cannotRead("backup file 'b'", new AccessDeniedException("b"));
        StatekeeperException missing = IoErrors.failed(Access.READ, "read spec file 's.json'",
                new NoSuchFileException("s.json"), ErrorCode.INPUT_UNREADABLE);
        StatekeeperException notText = IoErrors.failed(Access.READ, "read spec file 's.json'",
                new MalformedInputException(1), ErrorCode.INPUT_UNREADABLE);

        assertThat(refused.code()).isEqualTo(ErrorCode.CANNOT_OPEN);
        assertThat(refused).hasMessage("cannot read backup file 'b': permission denied");
        assertThat(missing.code()).isEqualTo(ErrorCode.INPUT_UNREADABLE);
        assertThat(missing).hasMessage("cannot read spec file 's.json': no such file");
        assertThat(notText.code()).isEqualTo(ErrorCode.INPUT_UNREADABLE);
        assertThat(notText).hasMessage("cannot read spec file 's.json': it is not UTF-8 text");
    }

    /** A full disk or a read-only file system has its own code whatever the caller would call a failure. */
    @Test
    void noRoomAndAReadOnlyFileSystemKeepTheirCodeForEveryCaller() {
        assertThat(IoErrors.code(Access.WRITE, new IOException("Disk quota exceeded"), ErrorCode.CONFIG_INVALID))
                .isEqualTo(ErrorCode.DISK_FULL);
        assertThat(IoErrors.code(Access.READ, new IOException("No space left on device"), ErrorCode.INPUT_UNREADABLE))
                .isEqualTo(ErrorCode.DISK_FULL);
        assertThat(IoErrors.code(Access.WRITE, new FileSystemException("c", null, "Read-only file system"),
                ErrorCode.CONFIG_INVALID)).isEqualTo(ErrorCode.READ_ONLY);
        assertThat(IoErrors.code(Access.WRITE, new FileSystemException("c", null, "Is a directory"),
                ErrorCode.CONFIG_INVALID)).isEqualTo(ErrorCode.CONFIG_INVALID);
    }

    /** The same words for the failures the operating system really gives, without the path Java puts first. */
    @Test
    void realFailuresAreWordedWithoutThePathJavaPutsBeforeTheReason() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> OwnerOnly.createDirectories(blocker.resolve("sub")))
                .isInstanceOfSatisfying(IOException.class, e -> assertThat(IoErrors.reason(e)).isEqualTo("Not a directory"));
        assertThatThrownBy(() -> OwnerOnly.createDirectories(blocker))
                .isInstanceOfSatisfying(IOException.class, e -> assertThat(IoErrors.reason(e))
                        .isEqualTo("'" + blocker + "' is in the way (it is not a directory)"));
        assertThatThrownBy(() -> Files.readString(missing))
                .isInstanceOfSatisfying(IOException.class, e -> assertThat(IoErrors.cannotRead("'" + missing + "'", e))
                        .hasMessage("cannot read '" + missing + "': no such file"));
        assertThatThrownBy(() -> Files.readAllBytes(dir))
                .isInstanceOfSatisfying(IOException.class, e -> assertThat(IoErrors.reason(e)).isEqualTo("Is a directory"));
        assertThatThrownBy(() -> Files.createFile(blocker))
                .isInstanceOfSatisfying(IOException.class, e -> assertThat(IoErrors.reason(e))
                        .isEqualTo("'" + blocker + "' already exists"));
    }
}
