package dev.statekeeper.cli.support;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Text named on the command line: the contents of a file, or of stdin for {@code -}. */
public record Document(String source, String text) {

    public static Document load(String file, InputStream stdin) {
        try {
            if (file.equals("-")) {
                // strict, like Files.readString: invalid UTF-8 is refused, not turned into U+FFFD
                return new Document("stdin",
                        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(stdin.readAllBytes())).toString());
            }
            return new Document(file, Files.readString(Path.of(file)));
        } catch (NoSuchFileException e) {
            throw unreadable(file, "no such file");
        } catch (AccessDeniedException e) {
            throw unreadable(file, "permission denied");
        } catch (CharacterCodingException e) {
            throw unreadable(file, "it is not UTF-8 text");
        } catch (InvalidPathException | IOException e) {
            throw unreadable(file, e.getMessage());
        }
    }

    private static StatekeeperException unreadable(String file, String why) {
        return new StatekeeperException(ErrorCode.USAGE, "cannot read '" + file + "': " + why);
    }
}
