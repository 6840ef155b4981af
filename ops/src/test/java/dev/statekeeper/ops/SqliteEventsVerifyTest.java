package dev.statekeeper.ops;

import dev.statekeeper.core.config.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The {@code events} check on a real SQLite file, changed with raw SQL (foreign keys off, the driver's default). */
class SqliteEventsVerifyTest extends EventsVerifyContract {
    @TempDir
    Path dir;

    private Settings settings;

    @BeforeEach
    void fill() {
        settings = StoreFixture.settings("sqlite", dir);
        StoreFixture.fill(settings, 4, 2);
    }

    @Override
    Settings settings() {
        return settings;
    }

    @Override
    void sql(String... statements) throws SQLException {
        StoreFixture.sql(dir.resolve("state.db"), statements);
    }

    @Override
    List<Long> sequences(String change) throws SQLException {
        try (Connection c = StoreFixture.sqlite(dir.resolve("state.db")); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT sequence FROM events WHERE change = '" + change + "' ORDER BY sequence")) {
            List<Long> out = new ArrayList<>();
            while (rows.next()) {
                out.add(rows.getLong(1));
            }
            return out;
        }
    }
}
