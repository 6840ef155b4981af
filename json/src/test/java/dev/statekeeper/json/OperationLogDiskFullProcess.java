package dev.statekeeper.json;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.perf.OperationStats;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs on the 1 MiB tmpfs of {@link dev.statekeeper.testkit.SmallDisk}: a json store in args[0] writes its operation
 * log, a file fills the disk, then the store reads a loop and writes its log after each read until the log reports a
 * problem (at most 200 reads). Prints the problem, then the reads done, whether every read succeeded; frees the disk,
 * writes the log again and prints its problem (none); reopens the store and prints the reads the stored log counts
 * and the lines a reader skips.
 */
public final class OperationLogDiskFullProcess {
    private OperationLogDiskFullProcess() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        Settings settings = Settings.builder().set(Setting.BACKEND, JsonStoreProvider.NAME)
                .set(Setting.DATA_DIR, data.toString()).set(Setting.JSON_BACKUPS, "0").build();
        Path filler = data.resolveSibling("filler");
        int reads = 0;
        try (StateStore store = StateStores.open(settings, Clock.systemUTC())) {
            String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
            store.operationLog().flush();
            fill(filler);
            String problem = null;
            while (problem == null && reads < 200) {
                store.getLoop(id); // throws if a user operation failed
                reads++;
                store.operationLog().flush();
                problem = store.operationLog().problem();
            }
            System.out.println(problem);
            System.out.println("reads " + reads);
            Files.delete(filler);
            store.operationLog().flush();
            System.out.println("after freeing: " + store.operationLog().problem());
        }
        try (StateStore store = StateStores.open(settings, Clock.systemUTC())) {
            long stored = store.operationLog().stats(Instant.EPOCH, "getLoop").stream()
                    .mapToLong(OperationStats::count).sum();
            System.out.println("stored reads " + stored);
        }
        OperationLogFile log = new OperationLogFile(StorePaths.of(settings), Duration.ofSeconds(5));
        log.readAll(Instant.EPOCH, null);
        System.out.println("skipped " + log.skipped());
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left on device")) {
                throw e;
            }
        }
    }
}
