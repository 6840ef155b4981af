package dev.statekeeper.core.internal.io;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files a command reads as its input (a spec document, an export to import): one rule and one wording for every one
 * that cannot be read, INPUT_UNREADABLE (exit 2), {@code cannot read spec file 'x.json': no such file}. A pipe is
 * input like a file ({@code --file <(cmd)}); a directory is not.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /** Opens the file; {@code what} names it in messages ("spec file", "export file"). */
    public static InputStream open(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw unreadable(what, file, "it is a directory");
        }
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw unreadable(what, file, e);
        }
    }

    /** The failure to read the file, worded by its cause: no such file, permission denied, not UTF-8 text... */
    public static StatekeeperException unreadable(String what, Path file, IOException e) {
        return new StatekeeperException(IoErrors.code(IoErrors.Access.READ, e, ErrorCode.INPUT_UNREADABLE),
                message(what, file, IoErrors.reason(e)), e);
    }

    public static StatekeeperException unreadable(String what, Path file, String why) {
        return new StatekeeperException(ErrorCode.INPUT_UNREADABLE, message(what, file, why));
    }

    private static String message(String what, Path file, String why) {
        return "cannot read " + what + (file.toString().equals("-") ? "" : " '" + file + "'") + ": " + why;
    }
}
