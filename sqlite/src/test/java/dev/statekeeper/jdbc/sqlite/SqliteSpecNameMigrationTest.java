package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.sql.SpecNameMigrationChecks;
import dev.statekeeper.testkit.TestClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;

/** A file at schema version 3 (before Unicode spec names), migrated to 4 when this build opens it. */
class SqliteSpecNameMigrationTest extends SpecNameMigrationChecks {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("state.db");
    }

    @Override
    protected Connection oldDatabase() throws Exception {
        Flyway.configure().dataSource("jdbc:sqlite:" + file(), null, null).locations("classpath:db/migration/sqlite")
                .target("3").load().migrate();
        return RawSqlite.connect(file());
    }

    @Override
    protected StateStore openStore() {
        return SqliteStateStore.open(Settings.builder().set(Setting.DATABASE_URL, "sqlite:" + file()).build(),
                new TestClock());
    }

    @Override
    protected String time() {
        return "0";
    }
}
