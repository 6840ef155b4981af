package dev.statekeeper.core.archive;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Failures reading or writing export and backup files, as errors that name the file and say why. */
final class ArchiveIo {
    private ArchiveIo() {
    }

    static StatekeeperException readFailed(String source, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new StatekeeperException(ErrorCode.CANNOT_OPEN, "cannot read " + source + ": no such file", e);
        }
        return new StatekeeperException(ErrorCode.CANNOT_OPEN, "cannot read " + source + ": " + reason(e), e);
    }

    static StatekeeperException writeFailed(String target, IOException e) {
        String reason = reason(e);
        ErrorCode code = reason.contains("No space left") ? ErrorCode.DISK_FULL : ErrorCode.CANNOT_OPEN;
        return new StatekeeperException(code, "cannot write " + target + ": " + reason, e);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
