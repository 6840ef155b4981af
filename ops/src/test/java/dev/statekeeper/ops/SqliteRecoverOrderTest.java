package dev.statekeeper.ops;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A damaged b-tree whose rowids come back out of order: two leaf pages of a table trade places, so a scan in
 * b-tree order meets high rowids before low ones, and a seek by rowid lands on rows already read. Recover must
 * still end (the guard only stops a hang: it is no timing assertion) and salvage every row once.
 */
class SqliteRecoverOrderTest {
    private static final int LOOPS = 400;

    @TempDir
    Path dir;

    private Settings settings;
    private Path file;

    @BeforeEach
    void fill() throws Exception {
        settings = StoreFixture.settings("sqlite", dir);
        StoreFixture.fill(settings, LOOPS, 0);
        file = dir.resolve("state.db");
        StoreFixture.checkpoint(file);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void leafPagesFarApartOutOfRowidOrderAreReadOnceEach() throws Exception {
        List<long[]> leaves = leavesInTreeOrder("critic_feedback");
        assertThat(leaves).hasSizeGreaterThan(20);
        swap(leaves.get(2)[0], leaves.get(leaves.size() - 3)[0]);

        assertEveryRowRecovered();
    }

    /**
     * The first leaf trades places with the one holding the 500th row of a scan: a reader that resumes after the
     * last rowid it read (a low one, from the moved first leaf) seeks back into the first slot and reads the same
     * rows again, for ever.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSeekThatLandsOnRowsAlreadyReadDoesNotRestartTheScan() throws Exception {
        List<long[]> leaves = leavesInTreeOrder("critic_feedback");
        int k = leafWhereTheFirstLeafWouldHoldRow(leaves, 500);
        swap(leaves.get(0)[0], leaves.get(k)[0]);

        assertEveryRowRecovered();
    }

    private void assertEveryRowRecovered() {
        RecoverReport recovered = Ops.recover(settings, StoreFixture.CLOCK, false);

        TableRecovery feedback = recovered.tables().stream().filter(t -> t.table().equals("critic_feedback"))
                .findFirst().orElseThrow();
        assertThat(feedback).isEqualTo(new TableRecovery("critic_feedback", 2 * LOOPS, 0L, ""));
        assertThat(recovered.after().clean()).isTrue();
        try (StateStore store = StateStores.open(settings, StoreFixture.CLOCK)) {
            assertThat(store.info().counts().get("loops")).isEqualTo(LOOPS);
            assertThat(store.info().counts().get("feedback")).isEqualTo(2 * LOOPS);
            assertThat(store.getLoop(StoreFixture.loop(LOOPS - 1)).feedback()).hasSize(2);
        }
    }

    /**
     * The leaf k such that, once the first leaf and leaf k trade places, the first leaf's rows are the
     * {@code row}-th of a scan (counting from 1): leaf k's rows, then those of leaves 1 to k-1, come before them.
     */
    private static int leafWhereTheFirstLeafWouldHoldRow(List<long[]> leaves, int row) {
        long before = 0;
        for (int k = 1; k < leaves.size(); k++) {
            long start = leaves.get(k)[1] + before;
            if (start < row && row <= start + leaves.get(0)[1]) {
                return k;
            }
            before += leaves.get(k)[1];
        }
        throw new AssertionError("no leaf fits: " + leaves.size() + " leaves");
    }

    /** The table's leaf pages (page number, rows) in the order a scan visits them (dbstat's path sorts so). */
    private List<long[]> leavesInTreeOrder(String table) throws Exception {
        List<long[]> pages = new ArrayList<>();
        try (Connection c = StoreFixture.sqlite(file); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT pageno, ncell FROM dbstat WHERE name = '" + table
                     + "' AND pagetype = 'leaf' ORDER BY path")) {
            while (rows.next()) {
                pages.add(new long[] {rows.getLong(1), rows.getLong(2)});
            }
        }
        return pages;
    }

    private void swap(long a, long b) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] first = read(f, a);
            byte[] second = read(f, b);
            f.seek((a - 1) * 4096);
            f.write(second);
            f.seek((b - 1) * 4096);
            f.write(first);
        }
    }

    private static byte[] read(RandomAccessFile f, long page) throws Exception {
        byte[] bytes = new byte[4096];
        f.seek((page - 1) * 4096);
        f.readFully(bytes);
        return bytes;
    }
}
