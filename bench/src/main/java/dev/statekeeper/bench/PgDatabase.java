package dev.statekeeper.bench;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.internal.domain.Loops;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.postgresql.util.PGobject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One trial's PostgreSQL database: a fresh database on testkit's embedded PostgreSQL 16 server (started
 * once per JVM, that is once per JMH fork, and stopped with it), the real store opened on it (which
 * migrates the schema) with every setting but BACKEND, DATABASE_URL and the given pool size left at its
 * default, and a plain-JDBC connection on the same database for the baselines. Closing drops the database.
 */
final class PgDatabase implements BenchBackend {
    private static final int HISTORY_SIZE = Integer.parseInt(Setting.LOOP_HISTORY_SIZE.defaultValue());

    private final PostgresServer server;
    private final String name;
    private final StateStore store;
    private final PlainJdbc jdbc;

    private PgDatabase(PostgresServer server, String name, StateStore store, PlainJdbc jdbc) {
        this.server = server;
        this.name = name;
        this.store = store;
        this.jdbc = jdbc;
    }

    /** With the default pool (DATABASE_POOL_MIN_SIZE / MAX_SIZE). */
    static PgDatabase create() throws SQLException {
        return create(null);
    }

    /** @param poolMaxSize DATABASE_POOL_MAX_SIZE, or null for the default */
    static PgDatabase create(Integer poolMaxSize) throws SQLException {
        return create(poolMaxSize, true);
    }

    /**
     * @param poolMaxSize DATABASE_POOL_MAX_SIZE, or null for the default
     * @param timed       through StateStores (the operation log on), or the backend's bare store
     */
    static PgDatabase create(Integer poolMaxSize, boolean timed) throws SQLException {
        PostgresServer server = PostgresServer.shared();
        String name = server.createDatabase();
        Settings.Builder settings = Settings.builder()
                .set(Setting.BACKEND, "postgres")
                .set(Setting.DATABASE_URL, server.url(name));
        if (poolMaxSize != null) {
            settings.set(Setting.POOL_MAX_SIZE, poolMaxSize.toString());
        }
        StateStore store;
        try {
            store = TempDirs.open(settings.build(), timed);
        } catch (RuntimeException e) {
            drop(server, name);
            throw e;
        }
        try {
            return new PgDatabase(server, name, store, PlainJdbc.postgres(server.connect(name)));
        } catch (SQLException | RuntimeException e) {
            store.close();
            drop(server, name);
            throw e;
        }
    }

    @Override
    public StateStore store() {
        return store;
    }

    @Override
    public PlainJdbc jdbc() {
        return jdbc;
    }

    @Override
    public Object json(Object value) throws SQLException {
        return jsonb(value);
    }

    @Override
    public Object time(Instant instant) {
        return timestamptz(instant);
    }

    @Override
    public Object time(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class);
    }

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public void settle() {
        vacuumAnalyze();
    }

    /** Another plain connection on the database (auto-commit), closed by the caller. */
    @Override
    public PlainJdbc connect() throws SQLException {
        return PlainJdbc.postgres(server.connect(name));
    }

    /** A TIMESTAMPTZ parameter as the store binds it. */
    static OffsetDateTime timestamptz(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A JSONB parameter as the store binds it. */
    static PGobject jsonb(Object value) throws SQLException {
        PGobject json = new PGobject();
        json.setType("jsonb");
        json.setValue(Json.write(value));
        return json;
    }

    /**
     * Writes {@code loops} loops of project {@code bench-0} ... {@code bench-19}, each with
     * {@code feedbackPerLoop} entries of {@link Samples#feedback}, and the newest
     * STATEKEEPER_LOOP_HISTORY_SIZE of them in the active history: the rows the store's createLoop and
     * addFeedback would leave, written in batches (40,000 store calls would take most of a trial); callers
     * {@link #settle()} afterwards. Returns the ids in creation order.
     */
    @Override
    public List<String> prefillLoops(int loops, int feedbackPerLoop) throws SQLException {
        List<String> ids = new ArrayList<>(loops);
        Instant start = Instant.now().minusSeconds(3_600);
        try (Connection c = server.connect(name)) {
            c.setAutoCommit(false);
            try (PreparedStatement loop = c.prepareStatement("""
                    INSERT INTO loop_states (id, project_name, loop_type, status, current_score, feedback_count,
                        created_at, updated_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement feedback = c.prepareStatement("""
                    INSERT INTO critic_feedback (loop_id, seq, critic_agent, iteration, overall_score,
                        assessment_summary, detailed_feedback, key_issues, recommendations, assessed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement history = c.prepareStatement(
                         "INSERT INTO loop_history (loop_id, added_at) VALUES (?, ?)")) {
                for (int i = 0; i < loops; i++) {
                    String id = Loops.newId();
                    OffsetDateTime created = timestamptz(start.plusMillis(i));
                    int score = 0;
                    for (int f = 0; f < feedbackPerLoop; f++) {
                        CriticFeedback entry = Samples.feedback(i + f);
                        score = entry.overallScore();
                        feedback.setString(1, id);
                        feedback.setInt(2, f + 1);
                        feedback.setString(3, entry.criticAgent());
                        feedback.setInt(4, entry.iteration());
                        feedback.setInt(5, entry.overallScore());
                        feedback.setString(6, entry.assessmentSummary());
                        feedback.setString(7, entry.detailedFeedback());
                        feedback.setObject(8, jsonb(entry.keyIssues()));
                        feedback.setObject(9, jsonb(entry.recommendations()));
                        feedback.setObject(10, created);
                        feedback.addBatch();
                    }
                    loop.setString(1, id);
                    loop.setString(2, Samples.PROJECT + "-" + i % 20);
                    loop.setString(3, LoopType.SPEC.wire());
                    loop.setString(4, (feedbackPerLoop == 0 ? LoopStatus.INITIALIZED : LoopStatus.IN_PROGRESS).wire());
                    loop.setInt(5, score);
                    loop.setInt(6, feedbackPerLoop);
                    loop.setObject(7, created);
                    loop.setObject(8, created);
                    loop.setLong(9, 1L + feedbackPerLoop);
                    loop.addBatch();
                    if (i >= loops - HISTORY_SIZE) {
                        history.setString(1, id);
                        history.setObject(2, created);
                        history.addBatch();
                    }
                    ids.add(id);
                    if (i % 500 == 499 || i == loops - 1) {
                        loop.executeBatch();
                        feedback.executeBatch();
                    }
                }
                history.executeBatch();
            }
            c.commit();
        }
        return ids;
    }

    /** VACUUM ANALYZE the database (the test server runs no autovacuum). */
    void vacuumAnalyze() {
        server.execute(name, "VACUUM ANALYZE");
    }

    @Override
    public void close() throws SQLException {
        try {
            store.close();
            jdbc.close();
        } finally {
            drop(server, name);
        }
    }

    private static void drop(PostgresServer server, String name) {
        server.execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
