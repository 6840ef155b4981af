package dev.statekeeper.mcp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;

/** Stdout of the stdio transport: counts the newline-delimited messages written, and waits for a count. */
final class MessageCountingOutputStream extends FilterOutputStream {
    private long messages;

    MessageCountingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        out.write(b);
        count(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        for (int i = off; i < off + len; i++) {
            count(b[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    private void count(int b) {
        if (b == '\n') {
            messages++;
            notifyAll();
        }
    }

    /** Waits until at least {@code count} messages were written; false if the deadline passed first. */
    synchronized boolean awaitMessages(long count, Duration timeout) throws InterruptedIOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the answers");
            }
        }
        return true;
    }
}
