package dev.statekeeper.bench;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A fresh data directory per trial, and the real SQLite store opened on it (public for the http load driver). */
public final class TempDirs {
    private TempDirs() {
    }

    public static Path create() {
        try {
            return Files.createTempDirectory("statekeeper-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data directory", e);
        }
    }

    /** Opens the SQLite store exactly as an embedder does: backend and data directory, all else default. */
    public static StateStore openSqlite(Path dataDir) {
        return StateStores.open(Settings.builder()
                .set(Setting.BACKEND, "sqlite")
                .set(Setting.DATA_DIR, dataDir.toString())
                .build());
    }

    /** The database file the store keeps in {@code dataDir}. */
    static Path databaseFile(Path dataDir) {
        return Settings.builder().set(Setting.DATA_DIR, dataDir.toString()).build().sqlitePath();
    }

    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
