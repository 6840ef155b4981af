package dev.statekeeper.ops;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.testkit.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orphaned rows, broken feedback numbering, a missing revision and values out of range, made with raw SQL past
 * the schema's guards (foreign keys off, {@code ignore_check_constraints}): verify names each with its fix, repair
 * backs the file up, fixes the safe ones, says what it changed and leaves the values for a person.
 */
class SqliteRepairTest {
    private static final List<String> VALUES = List.of(
            "error: loop_states id='loop0007': current_score is 150, which must be between 0 and 100; fix: correct it by "
                    + "hand (UPDATE loop_states SET current_score = ... WHERE id = 'loop0007') or delete the record; "
                    + "--repair does not guess values",
            "error: technical_specs project_name='demo' spec_name='spec-2': spec_status is 'bogus', which must be one of "
                    + "draft, in-review, approved, implementation-ready, in-development, completed; fix: correct it by hand "
                    + "(UPDATE technical_specs SET spec_status = ... WHERE project_name = 'demo' AND spec_name = 'spec-2') "
                    + "or delete the record; --repair does not guess values");

    @TempDir
    Path dir;

    private Settings settings;
    private Path file;

    @BeforeEach
    void fill() {
        settings = StoreFixture.withHistory(StoreFixture.settings("sqlite", dir), 5);
        StoreFixture.fill(StoreFixture.settings("sqlite", dir), 12, 3);
        file = dir.resolve("state.db");
    }

    @Test
    void aHealthyStoreHasNoFindingsAndRepairWritesNothing() {
        VerifyReport report = Ops.verify(StoreFixture.settings("sqlite", dir), StoreFixture.CLOCK);
        assertThat(report.findings()).isEmpty();
        assertThat(report.summary()).isEqualTo("sqlite store '" + file + "': no problems found");

        RepairReport repair = Ops.repair(StoreFixture.settings("sqlite", dir), StoreFixture.CLOCK);
        assertThat(repair.backup()).isNull();
        assertThat(repair.changes()).isEmpty();
        assertThat(repair.notes()).containsExactly("nothing to repair");
        assertThat(dir.resolve("backups")).doesNotExist();
    }

    @Test
    void verifyNamesEveryOrphanCountAndValueWithItsFix() throws SQLException {
        damage();

        VerifyReport report = Ops.verify(settings, StoreFixture.CLOCK);

        assertThat(report.findings()).map(Finding::line).containsExactly(
                "error: critic_feedback loop_id='ghost001': 2 feedback entries of loop 'ghost001', which does not exist; "
                        + "fix: 'statekeeper db verify --repair' deletes them",
                "error: loop_history loop_id='ghost002': 1 active-loop history entry of loop 'ghost002', which does not "
                        + "exist; fix: 'statekeeper db verify --repair' deletes it",
                "error: objective_feedback loop_id='ghost003': 1 objective feedback of loop 'ghost003', which does not "
                        + "exist; fix: 'statekeeper db verify --repair' deletes it",
                "error: loop_to_spec_mappings loop_id='ghost004': 1 spec link of loop 'ghost004', which does not exist; "
                        + "fix: 'statekeeper db verify --repair' deletes it",
                "error: loop_to_spec_mappings spec_id=999: 1 spec link to spec id 999, which does not exist; fix: "
                        + "'statekeeper db verify --repair' deletes it",
                "error: spec_revisions spec_id=998: 1 revision of spec id 998, which does not exist; fix: 'statekeeper db "
                        + "verify --repair' deletes it",
                VALUES.get(0),
                VALUES.get(1),
                "error: loop_states id='loop0005': feedback_count is 2 but the loop has 1 feedback entry; fix: "
                        + "'statekeeper db verify --repair' numbers the entries 1..1 in their order and sets feedback_count to 1",
                "warning: loop_history: the active-loop history holds 11 entries, more than STATEKEEPER_LOOP_HISTORY_SIZE "
                        + "(5); fix: 'statekeeper db verify --repair' removes the 6 oldest (their loops stay), or raise "
                        + "STATEKEEPER_LOOP_HISTORY_SIZE",
                "error: technical_specs project_name='demo' spec_name='spec-1': the spec is at version 1 but its revisions "
                        + "lack version 1; fix: 'statekeeper db verify --repair' adds it from the spec's current content");
        assertThat(report.summary()).isEqualTo("sqlite store '" + file + "': 10 errors, 1 warning");
    }

    @Test
    void repairBacksUpFirstFixesTheSafeOnesAndSaysWhatItChanged() throws Exception {
        damage();

        RepairReport repair = Ops.repair(settings, StoreFixture.CLOCK);

        Path backup = dir.resolve("backups/pre-repair-20260101T000000Z");
        assertThat(repair.backup()).isEqualTo(backup);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("backups")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rwx------");
        assertThat(count(backup.resolve("state.db"), "SELECT count(*) FROM critic_feedback WHERE loop_id = 'ghost001'"))
                .isEqualTo(2);
        assertThat(repair.changes()).containsExactly(
                "critic_feedback: deleted 2 feedback entries of loop 'ghost001', which does not exist",
                "loop_history: deleted 1 active-loop history entry of loop 'ghost002', which does not exist",
                "objective_feedback: deleted 1 objective feedback of loop 'ghost003', which does not exist",
                "loop_to_spec_mappings: deleted 1 spec link of loop 'ghost004', which does not exist",
                "spec_revisions: deleted 1 revision of spec id 998, which does not exist",
                "loop_states id='loop0005': feedback_count 2 -> 1, its feedback entries renumbered 1..1",
                "loop_history: removed the 5 oldest entries beyond STATEKEEPER_LOOP_HISTORY_SIZE (5); their loops are kept",
                "technical_specs project_name='demo' spec_name='spec-1': added its current version 1 to its revisions");
        assertThat(repair.after().findings()).map(Finding::line).containsExactlyElementsOf(VALUES);
        assertThat(repair.before().errors()).isEqualTo(10);

        try (StateStore store = StateStores.open(settings, StoreFixture.CLOCK)) {
            store.addFeedback("loop0005", Fixtures.feedback(80), null);
            assertThat(store.getLoop("loop0005").scoreHistory()).containsExactly(70 + 5, 80);
            assertThat(store.specHistory("demo", "spec-1")).hasSize(1);
            assertThat(store.activeLoops()).hasSize(5);
        }
    }

    /**
     * Index entries that no longer match their table, and nothing else: the index's root is swapped with that of an
     * index of the same shape over a copy of the table made before two projects changed. REINDEX rebuilds both.
     */
    @Test
    void indexesThatDisagreeWithTheirTableAreRebuilt() throws SQLException {
        StoreFixture.sql(file,
                "CREATE TABLE snapshot (project_name TEXT NOT NULL)",
                "INSERT INTO snapshot (rowid, project_name) SELECT rowid, project_name FROM loop_states",
                "CREATE INDEX idx_snapshot_project ON snapshot (project_name)",
                "UPDATE loop_states SET project_name = 'other' WHERE id IN ('loop0001', 'loop0002')");
        try (Connection c = StoreFixture.sqlite(file); Statement s = c.createStatement()) {
            s.execute("PRAGMA writable_schema = ON");
            long ours = rootOf(s, "idx_loop_states_project");
            long theirs = rootOf(s, "idx_snapshot_project");
            s.execute("UPDATE sqlite_schema SET rootpage = " + theirs + " WHERE name = 'idx_loop_states_project'");
            s.execute("UPDATE sqlite_schema SET rootpage = " + ours + " WHERE name = 'idx_snapshot_project'");
        }
        Settings defaults = StoreFixture.settings("sqlite", dir);
        VerifyReport before = Ops.verify(defaults, StoreFixture.CLOCK);
        assertThat(before.findings()).hasSize(4).allSatisfy(f -> {
            assertThat(f.check()).isEqualTo(Check.INTEGRITY);
            assertThat(f.where()).isIn("index idx_loop_states_project", "index idx_snapshot_project");
            assertThat(f.fix()).isEqualTo("'statekeeper db verify --repair' rebuilds the indexes from their tables (REINDEX)");
        });

        RepairReport repair = Ops.repair(defaults, StoreFixture.CLOCK);

        assertThat(repair.changes()).containsExactly("rebuilt every index from its table (REINDEX)");
        assertThat(repair.after().findings()).isEmpty();
    }

    private static long rootOf(Statement s, String index) throws SQLException {
        try (ResultSet rows = s.executeQuery("SELECT rootpage FROM sqlite_schema WHERE name = '" + index + "'")) {
            assertThat(rows.next()).as(index).isTrue();
            return rows.getLong(1);
        }
    }

    /** Rows the foreign keys would refuse, a gap in a loop's feedback, a lost revision and two values out of range. */
    private void damage() throws SQLException {
        StoreFixture.sql(file,
                "INSERT INTO critic_feedback (loop_id, seq, critic_agent, iteration, overall_score, assessment_summary, "
                        + "detailed_feedback, key_issues, recommendations, assessed_at) VALUES "
                        + "('ghost001', 1, 'c', 1, 50, 's', '', '[]', '[]', 0), ('ghost001', 2, 'c', 1, 50, 's', '', '[]', '[]', 0)",
                "INSERT INTO loop_history (loop_id, added_at) VALUES ('ghost002', 0)",
                "INSERT INTO objective_feedback (loop_id, feedback, created_at, updated_at) VALUES ('ghost003', 'x', 0, 0)",
                "INSERT INTO loop_to_spec_mappings (loop_id, spec_id, linked_at) VALUES ('ghost004', 999, 0)",
                "INSERT INTO spec_revisions (spec_id, version, iteration, content, revised_at) VALUES (998, 1, 0, '{}', 0)",
                "DELETE FROM critic_feedback WHERE loop_id = 'loop0005' AND seq = 1",
                "DELETE FROM spec_revisions WHERE spec_id = (SELECT id FROM technical_specs WHERE spec_name = 'spec-1')",
                "PRAGMA ignore_check_constraints = ON",
                "UPDATE loop_states SET current_score = 150 WHERE id = 'loop0007'",
                "UPDATE technical_specs SET spec_status = 'bogus' WHERE spec_name = 'spec-2'");
    }

    private static long count(Path file, String sql) throws SQLException {
        try (Connection c = StoreFixture.sqlite(file); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
