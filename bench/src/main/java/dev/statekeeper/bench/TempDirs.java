package dev.statekeeper.bench;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.Backends;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
        return openSqlite(dataDir, true);
    }

    /**
     * @param timed true opens it through StateStores (every operation timed into the operation log, as an embedder
     *              gets it); false opens the backend's bare store, as before the operation log, for its overhead
     */
    static StateStore openSqlite(Path dataDir, boolean timed) {
        return open(Settings.builder()
                .set(Setting.BACKEND, "sqlite")
                .set(Setting.DATA_DIR, dataDir.toString())
                .build(), timed);
    }

    /** Opens a store through StateStores, or the backend's bare store without the operation log. */
    static StateStore open(Settings settings, boolean timed) {
        return timed ? StateStores.open(settings) : Backends.require(settings.backend()).open(settings, Clock.systemUTC());
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
