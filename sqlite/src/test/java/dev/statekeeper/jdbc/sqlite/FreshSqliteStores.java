package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Opens SQLite stores for the contract suite, each on a new file of its own under a test's directory. */
final class FreshSqliteStores {
    private FreshSqliteStores() {
    }

    static SqliteStateStore open(Path directory, Settings settings, Clock clock) {
        try {
            Path file = Files.createTempDirectory(directory, "store-").resolve("state.db");
            return SqliteStateStore.open(settings.toBuilder().set(Setting.DATABASE_URL, "sqlite:" + file).build(), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
