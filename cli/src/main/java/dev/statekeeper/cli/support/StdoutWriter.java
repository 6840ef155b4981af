package dev.statekeeper.cli.support;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * Standard output that keeps why a write failed. A PrintWriter swallows the IOException of a full disk, a file size
 * limit or a closed pipe and only sets a flag, so a command cut off half-way would exit 0; {@link #failure} turns the
 * flag into OUTPUT_FAILED (exit 5) with the operating system's reason. {@link dev.statekeeper.cli.Cli} asks it after
 * every command; a command that prints much (an export) asks it as it goes, to stop early. A closed pipe (the reader,
 * such as {@code head}, had enough) is reported quietly ({@link #quiet}): exit 5, nothing on stderr.
 */
public final class StdoutWriter extends PrintWriter {
    private static final String BROKEN_PIPE = "Broken pipe";

    private final Recorder recorder;

    public StdoutWriter(OutputStream out, Charset charset) {
        this(new Recorder(out), charset);
    }

    private StdoutWriter(Recorder recorder, Charset charset) {
        super(new BufferedWriter(new OutputStreamWriter(recorder, charset)), false);
        this.recorder = recorder;
    }

    /** Flushes {@code out}; OUTPUT_FAILED saying why when what was printed to it could not all be written. */
    public static Optional<StatekeeperException> failure(PrintWriter out) {
        if (!out.checkError()) {
            return Optional.empty();
        }
        IOException cause = out instanceof StdoutWriter w ? w.recorder.failure : null;
        String reason = cause == null || cause.getMessage() == null ? "an I/O error" : cause.getMessage();
        return Optional.of(new StatekeeperException(ErrorCode.OUTPUT_FAILED, "cannot write to stdout: " + reason
                + "; what was printed is incomplete", cause));
    }

    /** Whether the failure is a closed pipe, which is not worth a message: the reader stopped reading on purpose. */
    public static boolean quiet(StatekeeperException e) {
        return e.code() == ErrorCode.OUTPUT_FAILED && e.getCause() instanceof IOException io
                && BROKEN_PIPE.equals(io.getMessage());
    }

    /** Passes bytes on until the first failure, which it keeps and repeats for every later write. */
    private static final class Recorder extends FilterOutputStream {
        private IOException failure;

        Recorder(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            check();
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            check();
            try {
                out.flush();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        private void check() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
