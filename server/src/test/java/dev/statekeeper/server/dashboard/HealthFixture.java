package dev.statekeeper.server.dashboard;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A SQLite store and server settings that point the server's doctor at that same store, for the health and
 * performance pages: its data directory (where the doctor looks for backups) is named with markup, so the
 * backup-age check's P3 finding ("no backup in '...' yet") carries stored-looking markup in its message and evidence.
 */
final class HealthFixture {
    /** The data directory's name: a finding's evidence and message quote it; it must be shown as text. */
    static final String MARKUP_DIR = "<img id=\"pwned-dir\" src=x onerror=alert(1)>";

    private HealthFixture() {
    }

    /** Settings for a store and its server: SQLite in a plain directory, backups under the markup directory. */
    static Settings settings(Path dir, String token) {
        try {
            Path home = Files.createTempDirectory(dir, "health-");
            Path data = Files.createDirectories(home.resolve(MARKUP_DIR));
            Settings.Builder b = Settings.builder().set(Setting.BACKEND, "sqlite")
                    .set(Setting.DATABASE_URL, "sqlite:" + home.resolve("state.db"))
                    .set(Setting.DATA_DIR, data.toString()).set(Setting.SERVER_PORT, "0")
                    .set(Setting.DOCTOR_INTERVAL, "0");
            if (token != null) {
                b.set(Setting.API_TOKEN, token);
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StateStore open(Settings settings) {
        return StateStores.open(settings);
    }
}
