package dev.statekeeper.json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A second process for the tests: takes the writers' lock of the json store in data directory args[0] the way a
 * writing store does, prints "ready", holds the lock until a line arrives on stdin, then releases it and exits.
 */
public final class LockHolderProcess {
    private LockHolderProcess() {
    }

    @SuppressWarnings("try") // held for the block, never referenced in it
    public static void main(String[] args) throws IOException {
        StorePaths paths = new StorePaths(Path.of(args[0]).resolve(StorePaths.FILE_NAME).toAbsolutePath());
        try (StoreLock.Held held = new StoreLock(paths, Duration.ofSeconds(30)).acquire()) {
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
    }
}
