package dev.statekeeper.doctor.json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A writer of another process that takes a json store's lock as the json backend does (the lock file, its pid in
 * it), says "locked" and holds it until its stdin closes.
 */
public final class HoldLock {
    private HoldLock() {
    }

    public static void main(String[] args) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            System.out.println("locked " + lock.isValid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // holds the lock until the test closes stdin
            }
        }
    }

    /** Starts one holding {@code lock}, returned once it holds it. */
    static Process start(Path lock) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldLock.class.getName(), lock.toString()).redirectErrorStream(true).start();
        String line = new String(process.getInputStream().readNBytes("locked true\n".length()), StandardCharsets.US_ASCII);
        if (!line.equals("locked true\n")) {
            process.destroyForcibly();
            throw new IOException("the lock holder did not start: " + line);
        }
        return process;
    }
}
