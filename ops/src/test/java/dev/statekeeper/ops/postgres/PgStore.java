package dev.statekeeper.ops.postgres;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.testkit.Fixtures;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL store in a database of its own, filled through the store: loops {@code loop0000}... with two
 * feedback entries each, specs {@code spec-0}... of project demo with a roadmap and a plan, a session; and raw SQL
 * beside it.
 */
final class PgStore {
    static final TestClock CLOCK = TestClock.frozen();

    final PostgresServer server;
    final String database;
    final Settings settings;

    PgStore(PostgresServer server) {
        this.server = server;
        this.database = server.createDatabase();
        this.settings = Settings.builder().set(Setting.BACKEND, "postgres").set(Setting.DATABASE_URL, server.url(database))
                .set(Setting.POOL_MIN_SIZE, "1").set(Setting.POOL_MAX_SIZE, "2").build();
    }

    StateStore open() {
        return StateStores.open(settings, CLOCK);
    }

    /** Migrates the database and stores nothing. */
    PgStore empty() {
        open().close();
        return this;
    }

    PgStore fill(int loops) {
        try (StateStore store = open()) {
            store.putRoadmap("demo", Fixtures.roadmap("Demo roadmap"));
            store.putSpec("demo", Fixtures.spec("Spec 0"));
            store.putSpec("demo", Fixtures.spec("Spec 1"));
            store.putPlan("demo", Fixtures.plan("Demo plan"));
            for (int n = 0; n < loops; n++) {
                String id = String.format("loop%04d", n);
                store.createLoop(new NewLoop("demo", LoopType.SPEC, id));
                store.addFeedback(id, Fixtures.feedback(1, 40 + n), null);
                store.addFeedback(id, Fixtures.feedback(1, 50 + n), null);
            }
            store.startSession(NewSession.named("session-1"));
        }
        return this;
    }

    /** Adds {@code count} loops without feedback by raw SQL (a store's worth of rows in a moment), then ANALYZE. */
    PgStore bulkLoops(int count) {
        sql("INSERT INTO loop_states (id, project_name, loop_type, status) SELECT 'bulk' || g, 'bulk', 'plan', "
                + "'initialized' FROM generate_series(1, " + count + ") g", "ANALYZE");
        return this;
    }

    void sql(String... statements) {
        for (String statement : statements) {
            server.execute(database, statement);
        }
    }

    long number(String sql) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** A fingerprint of every row of Statekeeper's tables: any change to any of them changes it. */
    String fingerprint() throws SQLException {
        StringBuilder out = new StringBuilder();
        for (String table : StatementStats.TABLES) {
            try (Connection c = server.connect(database); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*), coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), "
                         + "'-') FROM " + table + " t")) {
                r.next();
                out.append(table).append('=').append(r.getLong(1)).append(':').append(r.getString(2)).append('\n');
            }
        }
        return out.toString();
    }
}
