package dev.statekeeper.ops;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real PostgreSQL 16 database migrated by a store, then changed with raw SQL past its guards (replica mode
 * skips the foreign-key triggers; a CHECK has to be dropped): verify finds it all with the same messages as for
 * SQLite (repair is PostgresRepairTest's).
 */
class PostgresVerifyTest {
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

    @Test
    void aHealthyDatabaseHasNoFindings() {
        assertThat(Ops.verify(settings, StoreFixture.CLOCK).summary()).isEqualTo("postgres store 'postgresql://postgres@"
                + "localhost:" + server.port() + "/" + database + "': no problems found");
    }

    @Test
    void orphansMadeInReplicaModeAndValuesPastADroppedCheckAreFound() throws SQLException {
        sql("SET session_replication_role = replica",
                "INSERT INTO critic_feedback (loop_id, seq, critic_agent, iteration, overall_score, assessment_summary, "
                        + "detailed_feedback, key_issues, recommendations, assessed_at) "
                        + "VALUES ('ghost001', 1, 'c', 1, 50, 's', '', '[]', '[]', now())",
                "INSERT INTO loop_history (loop_id) VALUES ('ghost002')",
                "INSERT INTO loop_to_spec_mappings (loop_id, spec_id) VALUES ('loop0003', 999)",
                "DELETE FROM technical_specs WHERE spec_name = 'spec-1'",
                "ALTER TABLE loop_states DROP CONSTRAINT loop_states_current_score_check",
                "UPDATE loop_states SET current_score = 150 WHERE id = 'loop0002'");

        VerifyReport report = Ops.verify(settings, StoreFixture.CLOCK);

        assertThat(report.findings()).map(Finding::line).containsExactly(
                "error: critic_feedback loop_id='ghost001': 1 feedback entry of loop 'ghost001', which does not exist; "
                        + "fix: 'statekeeper db verify --repair' deletes it",
                "error: loop_history loop_id='ghost002': 1 active-loop history entry of loop 'ghost002', which does not "
                        + "exist; fix: 'statekeeper db verify --repair' deletes it",
                "error: loop_to_spec_mappings spec_id=2: 1 spec link to spec id 2, which does not exist; fix: "
                        + "'statekeeper db verify --repair' deletes it",
                "error: loop_to_spec_mappings spec_id=999: 1 spec link to spec id 999, which does not exist; fix: "
                        + "'statekeeper db verify --repair' deletes it",
                "error: spec_revisions spec_id=2: 1 revision of spec id 2, which does not exist; fix: 'statekeeper db "
                        + "verify --repair' deletes it",
                "error: loop_states id='loop0002': current_score is 150, which must be between 0 and 100; fix: correct "
                        + "it by hand (UPDATE loop_states SET current_score = ... WHERE id = 'loop0002') or delete the "
                        + "record; --repair does not guess values",
                "warning: events entity_kind='spec' entity_id='demo/spec-1': spec 'demo/spec-1' does not exist but its "
                        + "history ends with event 3 (spec.created), not with its deletion; fix: nothing to repair: it "
                        + "was removed without an event (deleted by hand, or lost with damaged pages); the history keeps "
                        + "what it has until STATEKEEPER_EVENTS_RETENTION prunes it");
    }

    @Test
    void anEditedMigrationIsDriftThatRepairLeavesAlone() throws SQLException {
        sql("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");

        assertThat(Ops.verify(settings, StoreFixture.CLOCK).findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(Check.SCHEMA);
            assertThat(f.what()).startsWith("migration V1: Migration checksum mismatch for migration version 1");
        });
        RepairReport repair = Ops.repair(settings, StoreFixture.CLOCK);
        assertThat(repair.backup()).isNull();
        assertThat(repair.notes()).containsExactly("nothing to repair: the remaining findings need a decision, see "
                + "their fixes");
    }

    @Test
    void aDatabaseWithoutTheSchemaAndOneThatIsNotThereSaySo() {
        String empty = server.createDatabase();
        Settings bare = settings.toBuilder().set(Setting.DATABASE_URL, server.url(empty)).build();
        assertThat(Ops.verify(bare, StoreFixture.CLOCK).findings()).containsExactly(Finding.error(Check.SCHEMA,
                "postgresql://postgres@localhost:" + server.port() + "/" + empty, "the database has no Statekeeper schema",
                "create it with 'statekeeper init' (check that DATABASE_URL names the right database)"));

        Settings missing = settings.toBuilder().set(Setting.DATABASE_URL, server.url("nope")).build();
        assertThatThrownBy(() -> Ops.verify(missing, StoreFixture.CLOCK))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                .hasMessageStartingWith("cannot verify PostgreSQL database 'nope' at localhost:" + server.port() + ": ");
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
