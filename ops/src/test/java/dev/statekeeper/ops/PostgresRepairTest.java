package dev.statekeeper.ops;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.internal.archive.ArchiveImport;
import dev.statekeeper.core.internal.archive.ArchiveSource;
import dev.statekeeper.core.internal.archive.Backup;
import dev.statekeeper.core.internal.archive.BackupDirectory;
import dev.statekeeper.core.internal.archive.ImportResult;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.internal.archive.Progress;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Repair of a real PostgreSQL 16 database damaged with raw SQL past its guards (replica mode skips the
 * foreign-key triggers; a CHECK has to be dropped): a portable backup first, the safe fixes in one transaction
 * with the same messages as on SQLite, the value out of range left with its finding.
 */
class PostgresRepairTest {
    private static final String VALUE = "error: loop_states id='loop0002': current_score is 150, which must be between "
            + "0 and 100; fix: correct it by hand (UPDATE loop_states SET current_score = ... WHERE id = 'loop0002') "
            + "or delete the record; --repair does not guess values";

    private final PostgresServer server = PostgresServer.shared();
    @TempDir
    Path dir;
    private String database;
    private Settings settings;

    @BeforeEach
    void migrateAndFill() {
        database = server.createDatabase();
        settings = Settings.builder().set(Setting.BACKEND, "postgres").set(Setting.DATABASE_URL, server.url(database))
                .set(Setting.DATA_DIR, dir.toString()).set(Setting.POOL_MIN_SIZE, "1").set(Setting.POOL_MAX_SIZE, "2")
                .build();
        StoreFixture.fill(settings, 4, 2);
    }

    @Test
    void aHealthyDatabaseIsNotBackedUpOrWritten() {
        RepairReport repair = Ops.repair(settings, StoreFixture.CLOCK, "9.9.9");

        assertThat(repair.backup()).isNull();
        assertThat(repair.changes()).isEmpty();
        assertThat(repair.notes()).containsExactly("nothing to repair");
        assertThat(dir.resolve("backups")).doesNotExist();
    }

    @Test
    void repairBacksUpThenFixesWhatIsSafeAndLeavesTheValue() throws SQLException {
        sql("SET session_replication_role = replica",
                "INSERT INTO critic_feedback (loop_id, seq, critic_agent, iteration, overall_score, assessment_summary, "
                        + "detailed_feedback, key_issues, recommendations, assessed_at) "
                        + "VALUES ('ghost001', 1, 'c', 1, 50, 's', '', '[]', '[]', now())",
                "INSERT INTO loop_history (loop_id) VALUES ('ghost002')",
                "INSERT INTO loop_to_spec_mappings (loop_id, spec_id) VALUES ('loop0003', 999)",
                "DELETE FROM technical_specs WHERE spec_name = 'spec-1'",
                "DELETE FROM critic_feedback WHERE loop_id = 'loop0000' AND seq = 1",
                "DELETE FROM spec_revisions WHERE spec_id = (SELECT id FROM technical_specs WHERE spec_name = 'spec-0')",
                "ALTER TABLE loop_states DROP CONSTRAINT loop_states_current_score_check",
                "UPDATE loop_states SET current_score = 150 WHERE id = 'loop0002'");

        RepairReport repair = Ops.repair(StoreFixture.withHistory(settings, 2), StoreFixture.CLOCK, "9.9.9");

        assertThat(repair.before().errors()).isEqualTo(8);
        assertThat(repair.backup()).isEqualTo(dir.resolve("backups/pre-repair-" + OpsFiles.stamp(StoreFixture.CLOCK)));
        assertThat(repair.changes()).containsExactly(
                "critic_feedback: deleted 1 feedback entry of loop 'ghost001', which does not exist",
                "loop_history: deleted 1 active-loop history entry of loop 'ghost002', which does not exist",
                "loop_to_spec_mappings: deleted 1 spec link to spec id 2, which does not exist",
                "loop_to_spec_mappings: deleted 1 spec link to spec id 999, which does not exist",
                "spec_revisions: deleted 1 revision of spec id 2, which does not exist",
                "loop_states id='loop0000': feedback_count 2 -> 1, its feedback entries renumbered 1..1",
                "loop_history: removed the 2 oldest entries beyond STATEKEEPER_LOOP_HISTORY_SIZE (2); their loops are kept",
                "technical_specs project_name='demo' spec_name='spec-0': added its current version 1 to its revisions");
        assertThat(repair.notes()).containsExactly("the backup is the portable export 'db backup' writes (restore it "
                + "with 'statekeeper db restore DIR'): it holds the records as the store reads them, so not the orphaned "
                + "rows, nor a spec none of whose revisions exist; for a copy of every row take a pg_dump as well");
        // the spec deleted by hand has a history without its deletion: reported, and left as it is
        String deleted = "warning: events entity_kind='spec' entity_id='demo/spec-1': spec 'demo/spec-1' does not exist "
                + "but its history ends with event 3 (spec.created), not with its deletion; fix: nothing to repair: it "
                + "was removed without an event (deleted by hand, or lost with damaged pages); the history keeps what it "
                + "has until STATEKEEPER_EVENTS_RETENTION prunes it";
        assertThat(repair.after().findings()).map(Finding::line).containsExactly(VALUE, deleted);
        assertThat(Ops.verify(settings, StoreFixture.CLOCK).findings()).map(Finding::line).containsExactly(VALUE, deleted);

        Backup backup = new BackupDirectory(dir.resolve("backups")).find(repair.backup().toString());
        backup.verify();
        assertThat(backup.directory()).isEqualTo(repair.backup());
        assertThat(backup.manifest().backend()).isEqualTo("postgres");
        assertThat(backup.manifest().statekeeperVersion()).isEqualTo("9.9.9");
        // spec-0 lost its only revision, so the export (which reads specs through their revisions) has no spec
        assertThat(backup.manifest().counts()).containsEntry("loops", 4L).containsEntry("feedback", 7L)
                .containsEntry("specs", 0L);
        // the backup holds the store as it was, damage included: a strict restore names it and loads nothing
        assertThatThrownBy(() -> restore(backup)).hasMessage("invalid export file '" + backup.exportFile() + "' (4 "
                + "problems, nothing was imported): line 4: currentScore = 150: must be between 0 and 100; line 4: "
                + "currentScore = 150: must be the overallScore of the last feedback (72); line 8: name = 'spec-0': names "
                + "no spec of project 'demo' of the export; line 10: loopId = 'ghost002': names no loop of the export");
    }

    @Test
    void theBackupOfAStoreWhoseDamageReadersCannotSeeRestores() throws SQLException {
        sql("SET session_replication_role = replica",
                "INSERT INTO critic_feedback (loop_id, seq, critic_agent, iteration, overall_score, assessment_summary, "
                        + "detailed_feedback, key_issues, recommendations, assessed_at) "
                        + "VALUES ('ghost001', 1, 'c', 1, 50, 's', '', '[]', '[]', now())",
                "DELETE FROM critic_feedback WHERE loop_id = 'loop0000' AND seq = 1");

        RepairReport repair = Ops.repair(settings, StoreFixture.CLOCK, "9.9.9");

        assertThat(repair.changes()).containsExactly(
                "critic_feedback: deleted 1 feedback entry of loop 'ghost001', which does not exist",
                "loop_states id='loop0000': feedback_count 2 -> 1, its feedback entries renumbered 1..1");
        assertThat(repair.after().findings()).isEmpty();
        Backup backup = new BackupDirectory(dir.resolve("backups")).find(repair.backup().toString());
        backup.verify();
        assertThat(restore(backup).loaded().summaryWithEvents()).isEqualTo(backup.manifest().counts())
                .containsEntry("loops", 4L).containsEntry("feedback", 7L).containsEntry("specs", 2L);
    }

    @Test
    void aStoreThatCannotBeOpenedForTheBackupIsNotRepaired() throws SQLException {
        sql("SET session_replication_role = replica", "INSERT INTO loop_history (loop_id) VALUES ('ghost002')",
                "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");

        RepairReport repair = Ops.repair(settings, StoreFixture.CLOCK, "9.9.9");

        assertThat(repair.backup()).isNull();
        assertThat(repair.changes()).isEmpty();
        assertThat(repair.notes()).singleElement().asString()
                .startsWith("nothing was changed: repair backs the records up first, through the store, and that failed: ")
                .endsWith("; fix that first, or take a backup with pg_dump and fix the findings by hand, as each one's "
                        + "fix says");
        assertThat(repair.after()).isEqualTo(repair.before());
        assertThat(dir.resolve("backups")).isEmptyDirectory();
        assertThat(Ops.verify(settings, StoreFixture.CLOCK).findings()).map(Finding::check).contains(Check.ORPHANS);
    }

    private static ImportResult restore(Backup backup) {
        try (StateStore memory = StateStores.open(Settings.builder().set(Setting.BACKEND, "memory").build(),
                StoreFixture.CLOCK)) {
            return ArchiveImport.run(memory, ArchiveSource.of(backup.exportFile()), LoadMode.REPLACE, Progress.NONE);
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
