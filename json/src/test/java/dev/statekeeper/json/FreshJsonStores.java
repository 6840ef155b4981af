package dev.statekeeper.json;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.events.EventJournal;
import dev.statekeeper.core.internal.memory.MemorySnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens json stores for the contract suite, each in a new data directory of its own under a test's directory,
 * and checks after each test that every store still open reads back from its file exactly what it holds.
 */
final class FreshJsonStores {
    private record Opened(JsonStateStore store, Settings settings, Clock clock) {
    }

    private final List<Opened> opened = new ArrayList<>();

    JsonStateStore open(Path directory, Settings settings, Clock clock) {
        try {
            Path dataDir = Files.createTempDirectory(directory, "store-");
            Settings own = settings.toBuilder().set(Setting.DATA_DIR, dataDir.toString()).build();
            JsonStateStore store = JsonStateStore.open(own, clock);
            opened.add(new Opened(store, own, clock));
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A second store on each file holds the same records, with every id, timestamp and version, and the same
     * change history: events, the last sequence and request keys with their kept responses.
     */
    void assertFilesHoldEverything() {
        for (Opened o : opened) {
            MemorySnapshot live;
            EventJournal.State history;
            try {
                live = o.store().snapshot();
                history = o.store().history();
            } catch (StatekeeperException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.STORE_CLOSED);
                continue;
            }
            try (JsonStateStore reopened = JsonStateStore.open(o.settings(), o.clock())) {
                assertThat(reopened.snapshot()).isEqualTo(live);
                assertThat(new String(DocumentCodec.encode(StateDocument.of(MemorySnapshot.empty(),
                        reopened.history(), 1)), StandardCharsets.UTF_8)).isEqualTo(new String(DocumentCodec.encode(
                        StateDocument.of(MemorySnapshot.empty(), history, 1)), StandardCharsets.UTF_8));
            }
        }
    }
}
