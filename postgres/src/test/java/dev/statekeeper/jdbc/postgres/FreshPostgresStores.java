package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;

import java.time.Clock;

/**
 * Opens PostgreSQL stores for the tests, each on a database of its own on the JVM's one embedded server. The
 * databases are copies of a template migrated once, so a store opens without applying migrations.
 */
final class FreshPostgresStores {
    private static String template;

    private FreshPostgresStores() {
    }

    static PostgresServer server() {
        return PostgresServer.shared();
    }

    /** A store on a new, migrated, empty database. */
    static PostgresStateStore open(Settings settings, Clock clock) {
        return openOn(migratedDatabase(), settings, clock);
    }

    /** A store on the given database. */
    static PostgresStateStore openOn(String database, Settings settings, Clock clock) {
        return PostgresStateStore.open(settingsFor(database, settings), clock);
    }

    /** A new database with the current schema and no records. */
    static String migratedDatabase() {
        return server().createDatabase(template());
    }

    /** The settings with DATABASE_URL naming the database and a small pool (unless the settings size it). */
    static Settings settingsFor(String database, Settings settings) {
        Settings.Builder b = settings.toBuilder().set(Setting.BACKEND, "postgres")
                .set(Setting.DATABASE_URL, server().url(database));
        if (settings.value(Setting.POOL_MIN_SIZE).source() == Settings.Source.DEFAULT) {
            b.set(Setting.POOL_MIN_SIZE, "1");
        }
        return b.build();
    }

    /** The migrated template database, made on first use. */
    static synchronized String template() {
        if (template == null) {
            String name = server().createDatabase();
            PostgresStateStore.open(settingsFor(name, Settings.defaults()), new TestClock()).close();
            template = name;
        }
        return template;
    }
}
