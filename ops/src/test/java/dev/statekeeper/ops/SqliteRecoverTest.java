package dev.statekeeper.ops;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real store of several hundred records whose file has a page overwritten with garbage in the middle: verify
 * reports the damage, recover salvages the rest into a new file that opens and verifies clean, and the damaged
 * file is kept byte for byte.
 */
class SqliteRecoverTest {
    private static final int LOOPS = 400;
    private static final int SPECS = 40;

    @TempDir
    Path dir;

    private Settings settings;
    private Path file;

    @BeforeEach
    void fill() throws Exception {
        settings = StoreFixture.settings("sqlite", dir);
        StoreFixture.fill(settings, LOOPS, SPECS);
        file = dir.resolve("state.db");
        StoreFixture.checkpoint(file);
    }

    @Test
    void aDamagedFeedbackPageIsReportedAndTheRestRecovered() throws Exception {
        long page = overwriteMiddleLeaf("critic_feedback");
        byte[] damagedBytes = Files.readAllBytes(file);

        VerifyReport report = Ops.verify(settings, StoreFixture.CLOCK);
        assertThat(report.clean()).isFalse();
        assertThat(report.findings()).first().isEqualTo(Finding.error(Check.INTEGRITY,
                "critic_feedback (page " + page + ")",
                "Tree 10 page " + page + ": btreeInitPage() returns error code 11", "'statekeeper db recover' salvages "
                        + "the readable rows into a new file (this one is kept); or restore a backup"));
        assertThat(report.findings()).last().isEqualTo(Finding.warning(Check.RECORDS, file.toString(),
                "the checks of the "
                + "migrations and records were skipped: the file's pages are damaged", "'statekeeper db recover' "
                + "salvages the readable rows into a new file (this one is kept); or restore a backup"));

        RecoverReport recovered = Ops.recover(settings, StoreFixture.CLOCK, true);

        Map<String, TableRecovery> tables = byTable(recovered);
        assertThat(tables.get("loop_states")).isEqualTo(new TableRecovery("loop_states", LOOPS, 0L, ""));
        assertThat(tables.get("technical_specs")).isEqualTo(new TableRecovery("technical_specs", SPECS, 0L, ""));
        TableRecovery feedback = tables.get("critic_feedback");
        assertThat(feedback.recovered() + feedback.lost()).isEqualTo(2 * LOOPS);
        assertThat(feedback.lost()).isBetween(1L, 100L);
        assertThat(feedback.detail()).matches("rowids \\d+-\\d+ unreadable");
        assertThat(recovered.notes()).isNotEmpty().allMatch(n -> n.matches("loop_states id='loop\\d{4}': feedback_count 2 -> [01].*"));

        assertThat(recovered.damaged()).isEqualTo(dir.resolve("state.db.damaged-20260101T000000Z"));
        assertThat(Files.readAllBytes(recovered.damaged())).isEqualTo(damagedBytes);
        assertThat(Files.readAllBytes(recovered.backup().resolve("state.db"))).isEqualTo(damagedBytes);
        assertThat(recovered.after().summary()).isEqualTo("sqlite store '" + file + "': no problems found");
        try (StateStore store = StateStores.open(settings, StoreFixture.CLOCK)) {
            assertThat(store.info().counts().get("loops")).isEqualTo(LOOPS);
            assertThat(store.info().counts().get("feedback")).isEqualTo(feedback.recovered());
            for (int n = 0; n < LOOPS; n++) {
                store.addFeedback(StoreFixture.loop(n), Fixtures.feedback(90), null);
            }
        }
        assertThat(Ops.verify(settings, StoreFixture.CLOCK).findings()).isEmpty();
    }

    @Test
    void feedbackOfLoopsLostWithTheirPageIsDroppedAndSaid() throws Exception {
        overwriteMiddleLeaf("loop_states");

        RecoverReport recovered = Ops.recover(settings, StoreFixture.CLOCK, false);

        TableRecovery loops = byTable(recovered).get("loop_states");
        assertThat(loops.lost()).isBetween(1L, 100L);
        assertThat(loops.recovered() + loops.lost()).isEqualTo(LOOPS);
        TableRecovery feedback = byTable(recovered).get("critic_feedback");
        assertThat(feedback.recovered()).isEqualTo(2 * loops.recovered());
        assertThat(feedback.detail()).isEqualTo(2 * loops.lost() + " dropped as orphans or beyond a bound (see the notes)");
        assertThat(recovered.notes()).contains("critic_feedback: deleted 2 feedback entries of loop '"
                + firstLost(recovered) + "', which does not exist");
        assertThat(recovered.backup()).isNull();
        assertThat(recovered.after().clean()).isTrue();
    }

    @Test
    void aFileWithoutAReadableHeaderIsLeftAsItIs() throws Exception {
        overwrite(1);
        byte[] before = Files.readAllBytes(file);

        assertThat(Ops.verify(settings, StoreFixture.CLOCK).findings()).map(Finding::check).contains(Check.INTEGRITY);
        assertThatThrownBy(() -> Ops.recover(settings, StoreFixture.CLOCK, false))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT))
                .hasMessage("nothing can be read from sqlite database '" + file + "' (not even its list of tables): it is "
                        + "left as it is; restore a backup");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("recovering"));
        }
    }

    /** The loop whose row was lost first: the one missing from the recovered store. */
    private String firstLost(RecoverReport recovered) throws Exception {
        try (StateStore store = StateStores.open(settings, StoreFixture.CLOCK)) {
            for (int n = 0; n < LOOPS; n++) {
                try {
                    store.getLoop(StoreFixture.loop(n));
                } catch (StatekeeperException e) {
                    return StoreFixture.loop(n);
                }
            }
        }
        throw new AssertionError("no loop was lost: " + recovered.tables());
    }

    private static Map<String, TableRecovery> byTable(RecoverReport report) {
        return report.tables().stream().collect(Collectors.toMap(TableRecovery::table, t -> t));
    }

    /** Overwrites a leaf page of the table from the middle of the file with garbage; returns its number. */
    private long overwriteMiddleLeaf(String table) throws Exception {
        List<Long> pages = new ArrayList<>();
        try (Connection c = StoreFixture.sqlite(file); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT pageno FROM dbstat WHERE name = '" + table
                     + "' AND pagetype = 'leaf' ORDER BY pageno")) {
            while (rows.next()) {
                pages.add(rows.getLong(1));
            }
        }
        long page = pages.get(pages.size() / 2);
        overwrite(page);
        return page;
    }

    private void overwrite(long page) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[4096];
            Arrays.fill(garbage, (byte) 0xA5);
            f.seek((page - 1) * garbage.length);
            f.write(garbage);
        }
    }
}
