package dev.statekeeper.bench.doctor;

import dev.statekeeper.bench.TempDirs;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.postgres.PostgresServer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A PostgreSQL database of N loops in progress, each with one feedback entry, on testkit's embedded PostgreSQL 16
 * (a server of the benchmark's own, as {@code PgDatabase} gets the shared one, but started with
 * {@code shared_preload_libraries = pg_stat_statements} so that the server counts the doctor's statements). The store
 * migrates the schema, two {@code INSERT ... SELECT FROM generate_series} fill it, {@code VACUUM ANALYZE} settles it
 * (the test server runs no autovacuum). The extension is created in the database too: the doctor's slow-queries
 * check then runs for real, as on a server that has it.
 */
public final class PgFixture implements Fixture {
    private static PostgresServer server;

    private final String database;
    private final Path dataDir;
    private final Settings settings;
    private final Connection admin;

    private PgFixture(String database, Path dataDir, Connection admin) {
        this.database = database;
        this.dataDir = dataDir;
        this.admin = admin;
        this.settings = Settings.builder().set(Setting.BACKEND, "postgres")
                .set(Setting.DATABASE_URL, server().url(database)).set(Setting.DATA_DIR, dataDir.toString()).build();
    }

    static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.startPrivate(Map.of("shared_preload_libraries", "pg_stat_statements"));
            server.execute("postgres", "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        return server;
    }

    public static PgFixture create(int loops) throws SQLException {
        PostgresServer pg = server();
        String name = pg.createDatabase();
        Path dir = TempDirs.create();
        PgFixture fixture = new PgFixture(name, dir, pg.connect("postgres"));
        try {
            StateStores.open(fixture.settings).close();
            pg.execute(name, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            pg.execute(name, """
                    INSERT INTO loop_states (id, project_name, loop_type, status, current_score, iteration,
                        feedback_count, created_at, updated_at, version)
                    SELECT lpad(to_hex(i), 8, '0'), 'project-' || (i % 100), 'spec', 'in_progress', i % 101, 1, 1,
                        now() - interval '1 hour' + i * interval '1 microsecond',
                        now() - interval '1 hour' + i * interval '1 microsecond', 2
                    FROM generate_series(0, LAST) AS i""".replace("LAST", String.valueOf(loops - 1)));
            pg.execute(name, """
                    INSERT INTO critic_feedback (loop_id, seq, critic_agent, iteration, overall_score,
                        assessment_summary, detailed_feedback, key_issues, recommendations, assessed_at)
                    SELECT lpad(to_hex(i), 8, '0'), 1, 'spec-critic', 1, i % 101, 'assessment of loop ' || i,
                        'details of the assessment of loop ' || i, '["no error model"]', '["add error codes"]', now()
                    FROM generate_series(0, LAST) AS i""".replace("LAST", String.valueOf(loops - 1)));
            pg.execute(name, "VACUUM ANALYZE");
            Backups.take(fixture.settings);
            return fixture;
        } catch (RuntimeException e) {
            fixture.close();
            throw e;
        }
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public void startCounting() throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** Top-level statements (utility ones too: track_utility is on by default) of every session in the database. */
    @Override
    public OptionalLong counted() throws SQLException {
        try (PreparedStatement s = admin.prepareStatement("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements p "
                + "JOIN pg_database d ON d.oid = p.dbid WHERE d.datname = ?")) {
            s.setString(1, database);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return OptionalLong.of(r.getLong(1));
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            admin.close();
        } finally {
            server().execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            TempDirs.delete(dataDir);
        }
    }
}
