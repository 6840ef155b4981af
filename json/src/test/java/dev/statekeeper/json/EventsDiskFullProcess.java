package dev.statekeeper.json;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.StoreEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Collectors;

/**
 * Runs on the 1 MiB tmpfs of {@link dev.statekeeper.testkit.SmallDisk}: a json store in args[0] creates a loop, a
 * file fills the disk, and the next loop's write fails. Prints the failure's code, the store's last sequence and its
 * events after it; frees the disk, writes again and prints the new loop's events; reopens the store and prints the
 * sequences its file holds.
 */
public final class EventsDiskFullProcess {
    private EventsDiskFullProcess() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        Settings settings = Settings.builder().set(Setting.DATA_DIR, data.toString()).set(Setting.JSON_BACKUPS, "0")
                .build();
        Path filler = data.resolveSibling("filler");
        try (JsonStateStore store = JsonStateStore.open(settings, Clock.systemUTC())) {
            store.createLoop(new NewLoop("demo", LoopType.SPEC, "first"));
            fill(filler);
            try {
                store.createLoop(new NewLoop("demo", LoopType.SPEC, "lost"));
                System.out.println("written on a full disk");
            } catch (StatekeeperException e) {
                System.out.println(e.code());
            }
            System.out.println("last " + store.events().lastSequence());
            System.out.println("events " + sequences(store));
            Files.delete(filler);
            store.createLoop(new NewLoop("demo", LoopType.SPEC, "second"));
            System.out.println("after freeing " + sequences(store));
        }
        try (JsonStateStore store = JsonStateStore.open(settings, Clock.systemUTC())) {
            System.out.println("reopened " + sequences(store));
        }
    }

    private static String sequences(JsonStateStore store) {
        return store.events().read(EventQuery.all()).events().stream()
                .map(EventsDiskFullProcess::describe).collect(Collectors.joining(","));
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

    /** An event as printed: {@code sequence:entity id}. */
    static String describe(StoreEvent event) {
        return event.sequence() + ":" + event.entityId();
    }
}
