package dev.statekeeper.cli.support;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.InputFiles;
import dev.statekeeper.core.internal.io.IoErrors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Text named on the command line: the contents of a file, or of stdin for {@code -}, strictly UTF-8. */
public record Document(String source, String text) {

    /**
     * Reads the file ({@code -}: stdin); {@code what} names it in messages ("spec file"). A file that cannot be read
     * is INPUT_UNREADABLE, worded as for every input file ({@link InputFiles}).
     */
    public static Document load(String file, InputStream stdin, String what) {
        try {
            if (file.equals("-")) {
                // strict, like Files.readString: invalid UTF-8 is refused, not turned into U+FFFD
                return new Document("stdin",
                        StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(stdin.readAllBytes())).toString());
            }
            Path path = Path.of(file);
            try (InputStream in = InputFiles.open(path, what)) {
                return new Document(file, StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(in.readAllBytes()))
                        .toString());
            } catch (IOException e) {
                throw InputFiles.unreadable(what, path, e);
            }
        } catch (CharacterCodingException e) {
            throw InputFiles.unreadable(what + " on stdin", Path.of("-"), e);
        } catch (InvalidPathException e) {
            throw new StatekeeperException(ErrorCode.INPUT_UNREADABLE, "cannot read " + what + " '" + file + "': "
                    + e.getReason());
        } catch (IOException e) {
            throw IoErrors.failed(IoErrors.Access.READ, "read stdin", e, ErrorCode.INPUT_UNREADABLE);
        }
    }
}
