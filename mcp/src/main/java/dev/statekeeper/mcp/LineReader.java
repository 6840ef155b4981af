package dev.statekeeper.mcp;

import dev.statekeeper.core.internal.json.JsonProblem;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Newline-delimited messages as bytes, each at most {@code max} bytes: a longer line is skipped to its end without
 * being kept (memory stays bounded whatever arrives) and reported as too long. A {@code \r} before the newline is
 * dropped; a last line without a newline counts.
 */
final class LineReader {
    private final InputStream in;
    private final int max;

    LineReader(InputStream in, int max) {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.max = max;
    }

    /** One line: its bytes, or {@code tooLong} with none. */
    record Line(byte[] bytes, boolean tooLong) {
        boolean isBlank() {
            for (byte b : bytes) {
                if (b != ' ' && b != '\t') {
                    return false;
                }
            }
            return true;
        }

        /** The start of the line for a log message, with control characters escaped. */
        String preview() {
            String text = new String(bytes, 0, Math.min(bytes.length, 120), StandardCharsets.UTF_8);
            return JsonProblem.quote(text);
        }
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            if (!tooLong && line.size() >= max) {
                tooLong = true;
                line = new ByteArrayOutputStream(0);
            }
            if (!tooLong) {
                line.write(b);
            }
            b = in.read();
        }
        if (tooLong) {
            return new Line(new byte[0], true);
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        return new Line(bytes, false);
    }
}
