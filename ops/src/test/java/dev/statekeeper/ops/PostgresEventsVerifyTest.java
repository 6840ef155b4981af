package dev.statekeeper.ops;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The {@code events} check on a real PostgreSQL 16 database (migration V10), changed with raw SQL. */
class PostgresEventsVerifyTest extends EventsVerifyContract {
    private final PostgresServer server = PostgresServer.shared();
    private String database;
    private Settings settings;

    @BeforeEach
    void migrateAndFill() {
        database = server.createDatabase();
        settings = Settings.builder().set(Setting.BACKEND, "postgres").set(Setting.DATABASE_URL, server.url(database))
                .set(Setting.POOL_MIN_SIZE, "1").set(Setting.POOL_MAX_SIZE, "2").build();
        StoreFixture.fill(settings, 4, 2);
    }

    @Override
    Settings settings() {
        return settings;
    }

    @Override
    void sql(String... statements) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @Override
    List<Long> sequences(String change) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT sequence FROM events WHERE change = '" + change
                     + "' ORDER BY sequence")) {
            List<Long> out = new ArrayList<>();
            while (rows.next()) {
                out.add(rows.getLong(1));
            }
            return out;
        }
    }
}
