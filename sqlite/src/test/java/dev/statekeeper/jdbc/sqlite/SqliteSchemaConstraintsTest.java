package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.testkit.sql.RawSql;
import dev.statekeeper.testkit.sql.SchemaCascadeChecks;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.sql.Connection;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static dev.statekeeper.testkit.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema holds the domain's rules by itself: CHECK constraints, strict types and cascading deletes. */
class SqliteSchemaConstraintsTest extends SchemaCascadeChecks {
    private static final String LOOP = "INSERT INTO loop_states (id, project_name, loop_type, status, current_score, "
            + "iteration, created_at, updated_at) VALUES ";

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("state.db");
        store = SqliteStateStore.open(Settings.builder().set(Setting.DATABASE_URL, "sqlite:" + file).build(),
                new TestClock());
        raw = RawSqlite.connect(file);
    }

    @Test
    void aValidRawRowIsAccepted() throws Exception {
        RawSql.execute(raw, LOOP + "('raw1', 'demo', 'spec', 'refine', 100, 1, 0, 0)");

        assertThat(store.getLoop("raw1").currentScore()).isEqualTo(100);
    }

    @Test
    void aSpecNameOfLettersBeyondAsciiIsAccepted() throws Exception {
        RawSql.execute(raw, "INSERT INTO technical_specs (project_name, spec_name, spec_status, iteration, version, "
                + "content, created_at, updated_at) VALUES ('demo', 'über-認証', 'draft', 0, 1, '{\"title\": \"Über 認証\"}', "
                + "0, 0)");

        assertThat(store.getSpec("demo", "Über 認証").name()).isEqualTo("über-認証");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            LOOP + "('x1', 'demo', 'spec', 'refine', 101, 1, 0, 0)",
            LOOP + "('x2', 'demo', 'spec', 'refine', -1, 1, 0, 0)",
            LOOP + "('x3', 'demo', 'spec', 'refine', 50, 0, 0, 0)",
            LOOP + "('x4', 'demo', 'novel', 'refine', 50, 1, 0, 0)",
            LOOP + "('x5', 'demo', 'spec', 'paused', 50, 1, 0, 0)",
            LOOP + "('x6', '', 'spec', 'refine', 50, 1, 0, 0)",
            LOOP + "('x7', printf('%.256c', 'p'), 'spec', 'refine', 50, 1, 0, 0)",
            "INSERT INTO technical_specs (project_name, spec_name, spec_status, iteration, version, content, created_at, "
                    + "updated_at) VALUES ('demo', 'Not Normalized', 'draft', 0, 1, '{}', 0, 0)",
            "INSERT INTO technical_specs (project_name, spec_name, spec_status, iteration, version, content, created_at, "
                    + "updated_at) VALUES ('demo', 'über_uns', 'draft', 0, 1, '{}', 0, 0)",
            "INSERT INTO technical_specs (project_name, spec_name, spec_status, iteration, version, content, created_at, "
                    + "updated_at) VALUES ('demo', 'api.v2', 'draft', 0, 1, '{}', 0, 0)",
            "INSERT INTO technical_specs (project_name, spec_name, spec_status, iteration, version, content, created_at, "
                    + "updated_at) VALUES ('demo', 'auth', 'draft', 0, 1, 'not json', 0, 0)",
            "INSERT INTO sessions (name, status, metadata, created_at, updated_at) VALUES ('s', 'paused', '{}', 0, 0)",
            "INSERT INTO project_plans (project_name, plan_status, content, version, created_at, updated_at) "
                    + "VALUES ('demo', 'draft', '{}', 0, 0, 0)"
    })
    void checkConstraintsRefuseRowsTheApiWouldRefuse(String insert) {
        assertThatThrownBy(() -> RawSql.execute(raw, insert))
                .isInstanceOfSatisfying(SQLiteException.class,
                        e -> assertThat(e.getResultCode().name()).isEqualTo("SQLITE_CONSTRAINT_CHECK"));
    }

    @Test
    void feedbackScoresAreCheckedAndNeedAnExistingLoop() throws Exception {
        RawSql.execute(raw, LOOP + "('raw1', 'demo', 'spec', 'refine', 10, 1, 0, 0)");
        String feedback = "INSERT INTO critic_feedback (loop_id, seq, critic_agent, iteration, overall_score, "
                + "assessment_summary, detailed_feedback, key_issues, recommendations, assessed_at) VALUES ";

        assertThatThrownBy(() -> RawSql.execute(raw, feedback + "('raw1', 1, 'c', 1, 101, 's', '', '[]', '[]', 0)"))
                .isInstanceOfSatisfying(SQLiteException.class,
                        e -> assertThat(e.getResultCode().name()).isEqualTo("SQLITE_CONSTRAINT_CHECK"));
        assertThatThrownBy(() -> RawSql.execute(raw, feedback + "('gone', 1, 'c', 1, 50, 's', '', '[]', '[]', 0)"))
                .isInstanceOfSatisfying(SQLiteException.class,
                        e -> assertThat(e.getResultCode().name()).isEqualTo("SQLITE_CONSTRAINT_FOREIGNKEY"));
    }

    @Test
    void columnTypesAreStrict() {
        assertThatThrownBy(() -> RawSql.execute(raw, LOOP + "('x1', 'demo', 'spec', 'refine', 'high', 1, 0, 0)"))
                .isInstanceOfSatisfying(SQLiteException.class,
                        e -> assertThat(e.getResultCode().name()).isEqualTo("SQLITE_CONSTRAINT_DATATYPE"));
    }

    @Test
    void feedbackIsOneRowPerEntryInOrder() throws Exception {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        for (int score = 10; score <= 50; score += 10) {
            store.addFeedback(loop.id(), feedback(score));
        }

        assertThat(RawSql.text(raw, "SELECT group_concat(seq || ':' || overall_score, ',') FROM "
                + "(SELECT seq, overall_score FROM critic_feedback ORDER BY seq)")).isEqualTo("1:10,2:20,3:30,4:40,5:50");
        assertThat(RawSql.text(raw, "SELECT feedback_count FROM loop_states")).isEqualTo("5");
    }
}
