package dev.statekeeper.ops;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A json store cut off in the middle of a write: recover keeps every complete record and the damaged file. */
class JsonRecoverTest {
    private static final int LOOPS = 30;

    @TempDir
    Path dir;

    private Settings settings;
    private Path file;
    private final Map<String, Loop> original = new LinkedHashMap<>();

    @BeforeEach
    void fill() {
        settings = StoreFixture.settings("json", dir);
        StoreFixture.fill(settings, LOOPS, 5);
        file = dir.resolve("state.json");
        try (StateStore store = StateStores.open(settings, StoreFixture.CLOCK)) {
            for (int n = 0; n < LOOPS; n++) {
                original.put(StoreFixture.loop(n), store.getLoop(StoreFixture.loop(n)));
            }
        }
    }

    @Test
    void aTruncatedFileKeepsEveryCompleteRecord() throws Exception {
        byte[] whole = Files.readAllBytes(file);
        int records = new String(whole, StandardCharsets.ISO_8859_1).indexOf("\n  \"history\""); // the records' bytes
        byte[] cut = Arrays.copyOf(whole, records * 6 / 10);
        Files.write(file, cut);
        assertThat(Ops.verify(settings, StoreFixture.CLOCK).findings()).singleElement()
                .satisfies(f -> assertThat(f.what()).startsWith("not valid JSON: Unexpected end-of-input"));

        RecoverReport recovered = Ops.recover(settings, StoreFixture.CLOCK, true);

        TableRecovery loops = recovered.tables().get(1);
        assertThat(loops.table()).isEqualTo("loops");
        assertThat(loops.recovered()).isBetween(1L, LOOPS - 1L);
        assertThat(loops.lost()).isNull();
        assertThat(loops.detail()).startsWith("cut off after " + loops.recovered() + " complete records (line ");
        assertThat(recovered.tables().get(2)).satisfies(t -> {
            assertThat(t.table()).isEqualTo("specs");
            assertThat(t.recovered()).isZero();
            assertThat(t.detail()).startsWith("not reached: the file breaks before it (line ");
        });
        assertThat(recovered.notes()).contains("loop 'loop0000': removed its link to spec 'spec-0' of project 'demo', "
                + "which does not exist").last().asString().startsWith("the newest readable backup 'state.json.1' "
                + "(generation ").contains("holds 10 activeLoops, 30 loops, 5 specs, 1 roadmaps, 0 plans, 0 sessions");
        assertThat(Files.readAllBytes(dir.resolve("state.json.damaged-20260101T000000Z"))).isEqualTo(cut);
        assertThat(Files.readAllBytes(recovered.backup().resolve("state.json"))).isEqualTo(cut);
        // the history, after the records, is cut off with them: recovery gives an empty one, and verify says so
        assertThat(recovered.after().findings()).containsExactly(Finding.info(Check.EVENTS, "state.json history",
                loops.recovered() + " records have no event giving their version, so the history cannot check them ("
                        + loops.recovered() + " loops)", "nothing to do: records stored before the history was kept, "
                        + "imported, recovered without their history, or whose events STATEKEEPER_EVENTS_RETENTION "
                        + "pruned have none"));
        assertThat(recovered.after().clean()).isTrue();
        try (StateStore store = StateStores.open(settings, StoreFixture.CLOCK)) {
            for (int n = 0; n < loops.recovered(); n++) {
                assertThat(store.getLoop(StoreFixture.loop(n))).isEqualTo(original.get(StoreFixture.loop(n)));
            }
            assertThat(store.info().counts().get("loops")).isEqualTo(loops.recovered());
        }
    }

    /** Backup 1 is the version before the last write, which started the session. */
    @Test
    void withoutAnyCompleteRecordTheNewestReadableBackupIsTaken() throws Exception {
        Files.writeString(file, "{\n  \"format\": \"statekeeper-json\",\n  \"version\": 1,\n  \"generation\": 7,\n  \"activ",
                StandardCharsets.UTF_8);

        RecoverReport recovered = Ops.recover(settings, StoreFixture.CLOCK, false);

        assertThat(recovered.notes()).hasSize(2).last().asString().startsWith("recovered the backup 'state.json.1' "
                + "(generation ").endsWith(") instead: what was written after it is lost");
        assertThat(recovered.tables()).filteredOn(t -> t.table().equals("loops")).singleElement()
                .isEqualTo(new TableRecovery("loops", LOOPS, null, "from the backup 'state.json.1'"));
        assertThat(recovered.after().clean()).isTrue();
        try (StateStore store = StateStores.open(settings, StoreFixture.CLOCK)) {
            assertThat(store.info().counts()).containsEntry("loops", (long) LOOPS).containsEntry("sessions", 0L);
        }
    }

    @Test
    void aMissingFileIsNothingToRecover() throws Exception {
        Files.move(file, dir.resolve("elsewhere.json"));

        assertThatThrownBy(() -> Ops.recover(settings, StoreFixture.CLOCK, false))
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANNOT_OPEN))
                .hasMessage("nothing to recover: json store '" + file + "' does not exist; its newest backup is '" + file
                        + ".1': cp '" + file + ".1' '" + file + "'");
    }
}
