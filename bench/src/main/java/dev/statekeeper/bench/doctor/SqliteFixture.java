package dev.statekeeper.bench.doctor;

import dev.statekeeper.bench.TempDirs;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * A SQLite store of N loops in progress, each with one feedback entry: the store creates the file (schema and
 * migrations), then plain batched INSERTs in one transaction fill it (as {@code CopyBench} does) and {@code ANALYZE}
 * gives the planner its statistics (as {@code statekeeper db maintain} does); the store is closed
 * before the doctor runs, as when an operator runs {@code statekeeper doctor} beside a stopped server.
 */
final class SqliteFixture implements Fixture {
    private final Path dir;
    private final Settings settings;

    private SqliteFixture(Path dir) {
        this.dir = dir;
        this.settings = Settings.builder().set(Setting.BACKEND, "sqlite").set(Setting.DATA_DIR, dir.toString()).build();
    }

    static SqliteFixture create(int loops) throws SQLException {
        Path dir = TempDirs.create();
        try {
            TempDirs.openSqlite(dir).close();
            SqliteFixture fixture = new SqliteFixture(dir);
            fill(fixture.settings.sqlitePath(), loops);
            Backups.take(fixture.settings);
            return fixture;
        } catch (SQLException | RuntimeException e) {
            TempDirs.delete(dir);
            throw e;
        }
    }

    @Override
    public Settings settings() {
        return settings;
    }

    private static void fill(Path file, int loops) throws SQLException {
        long now = System.currentTimeMillis() * 1000;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            try (PreparedStatement loop = c.prepareStatement("INSERT INTO loop_states (id, project_name, loop_type, "
                    + "status, current_score, iteration, feedback_count, created_at, updated_at, version) "
                    + "VALUES (?, ?, 'spec', 'in_progress', ?, 1, 1, ?, ?, 2)");
                 PreparedStatement feedback = c.prepareStatement("INSERT INTO critic_feedback (loop_id, seq, "
                         + "critic_agent, iteration, overall_score, assessment_summary, detailed_feedback, key_issues, "
                         + "recommendations, assessed_at) VALUES (?, 1, 'spec-critic', 1, ?, ?, ?, "
                         + "'[\"no error model\"]', '[\"add error codes\"]', ?)")) {
                for (int i = 0; i < loops; i++) {
                    String id = String.format(Locale.ROOT, "%08x", i);
                    loop.setString(1, id);
                    loop.setString(2, "project-" + i % 100);
                    loop.setInt(3, i % 101);
                    loop.setLong(4, now + i);
                    loop.setLong(5, now + i);
                    loop.addBatch();
                    feedback.setString(1, id);
                    feedback.setInt(2, i % 101);
                    feedback.setString(3, "assessment of loop " + i);
                    feedback.setString(4, "details of the assessment of loop " + i);
                    feedback.setLong(5, now + i);
                    feedback.addBatch();
                    if (i % 10_000 == 9_999) {
                        loop.executeBatch();
                        feedback.executeBatch();
                    }
                }
                loop.executeBatch();
                feedback.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE"); // as 'statekeeper db maintain' leaves it, and as PgFixture's VACUUM ANALYZE does
            }
        }
    }

    @Override
    public void close() {
        TempDirs.delete(dir);
    }
}
