package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.testkit.sql.RawSql;
import dev.statekeeper.testkit.sql.SchemaCascadeChecks;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.time.Instant;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static dev.statekeeper.testkit.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema holds the domain's rules by itself: CHECKs, unique keys, cascades and the updated_at trigger. */
class PostgresSchemaConstraintsTest extends SchemaCascadeChecks {
    private static final String LOOP = "INSERT INTO loop_states (id, project_name, loop_type, status, current_score, "
            + "iteration) VALUES ";
    private static final String SPEC = "INSERT INTO technical_specs (project_name, spec_name, spec_status, iteration, "
            + "version, content) VALUES ";

    private PostgresErrorTranslator translator;

    @BeforeEach
    void open() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        Settings settings = FreshPostgresStores.settingsFor(database, Settings.defaults());
        store = PostgresStateStore.open(settings, new TestClock());
        raw = RawPostgres.connect(database);
        translator = new PostgresErrorTranslator(PostgresUrl.parse(FreshPostgresStores.server().url(database)), settings);
    }

    @Test
    void aValidRawRowIsAccepted() throws Exception {
        RawSql.execute(raw, LOOP + "('raw1', 'demo', 'spec', 'refine', 100, 1)");

        assertThat(store.getLoop("raw1").currentScore()).isEqualTo(100);
    }

    @Test
    void aSpecNameOfLettersBeyondAsciiIsAccepted() throws Exception {
        RawSql.execute(raw, SPEC + "('demo', 'über-認証', 'draft', 0, 1, '{\"title\": \"Über 認証\"}')");

        assertThat(store.getSpec("demo", "Über 認証").name()).isEqualTo("über-認証");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            LOOP + "('x1', 'demo', 'spec', 'refine', 101, 1)",
            LOOP + "('x2', 'demo', 'spec', 'refine', -1, 1)",
            LOOP + "('x3', 'demo', 'spec', 'refine', 50, 0)",
            LOOP + "('x4', 'demo', 'novel', 'refine', 50, 1)",
            LOOP + "('x5', 'demo', 'spec', 'paused', 50, 1)",
            LOOP + "('x6', '', 'spec', 'refine', 50, 1)",
            SPEC + "('demo', 'Not Normalized', 'draft', 0, 1, '{}')",
            SPEC + "('demo', 'über_uns', 'draft', 0, 1, '{}')",
            SPEC + "('demo', 'api.v2', 'draft', 0, 1, '{}')",
            SPEC + "('demo', 'auth', 'draft', 0, 1, '[]')",
            SPEC + "('demo', 'auth', 'shipped', 0, 1, '{}')",
            "INSERT INTO sessions (name, status, metadata) VALUES ('s', 'paused', '{}')",
            "INSERT INTO project_plans (project_name, plan_status, content, version) VALUES ('demo', 'draft', '{}', 0)"
    })
    void checkConstraintsRefuseRowsTheApiWouldRefuse(String insert) {
        assertThatThrownBy(() -> RawSql.execute(raw, insert))
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("23514");
                    assertThat(translator.translate("insert", e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                });
    }

    @Test
    void aDuplicateSpecIsAUniqueViolationReportedAsDuplicate() throws Exception {
        RawSql.execute(raw, SPEC + "('demo', 'auth', 'draft', 0, 1, '{}')");

        assertThatThrownBy(() -> RawSql.execute(raw, SPEC + "('demo', 'auth', 'draft', 0, 1, '{}')"))
                .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(translator.translate("store spec", e))
                        .hasMessageStartingWith("store spec failed on PostgreSQL database '")
                        .hasMessageContaining("a record with that key already exists (ERROR: duplicate key value "
                                + "violates unique constraint \"uq_specs_project_name\")")
                        .extracting(x -> x.code()).isEqualTo(ErrorCode.DUPLICATE));
    }

    @Test
    void aRawUpdateThatLeavesUpdatedAtAloneGetsItFromTheTrigger() throws Exception {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        Instant before = Instant.parse(RawSql.text(raw,
                "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"));

        RawSql.execute(raw, "UPDATE loop_states SET status = 'refine' WHERE id = '" + loop.id() + "'");

        Loop after = store.getLoop(loop.id());
        assertThat(after.updatedAt()).isAfterOrEqualTo(before).isAfter(loop.updatedAt());
        assertThat(after.createdAt()).isEqualTo(loop.createdAt());
    }

    @Test
    void feedbackIsOneRowPerEntryAndDocumentsAreJsonb() throws Exception {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        for (int score = 10; score <= 50; score += 10) {
            store.addFeedback(loop.id(), feedback(score));
        }
        store.putSpec("demo", spec("Auth"));

        assertThat(RawSql.text(raw, "SELECT string_agg(seq || ':' || overall_score, ',' ORDER BY seq) "
                + "FROM critic_feedback")).isEqualTo("1:10,2:20,3:30,4:40,5:50");
        assertThat(RawSql.text(raw, "SELECT content->>'objectives' FROM technical_specs"))
                .isEqualTo("objectives of Auth");
        assertThat(RawSql.text(raw, "SELECT pg_typeof(content)::text FROM technical_specs")).isEqualTo("jsonb");
    }
}
