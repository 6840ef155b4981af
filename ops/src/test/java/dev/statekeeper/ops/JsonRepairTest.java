package dev.statekeeper.ops;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStores;
import dev.statekeeper.core.config.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A json store edited by hand: verify finds every problem (not only the first), repair fixes the safe ones. */
class JsonRepairTest {
    @TempDir
    Path dir;

    private Settings settings;
    private Path file;

    @BeforeEach
    void fill() {
        settings = StoreFixture.settings("json", dir);
        StoreFixture.fill(settings, 12, 2);
        file = dir.resolve("state.json");
    }

    @Test
    void aHealthyStoreHasNoFindings() {
        assertThat(Ops.verify(settings, StoreFixture.CLOCK).summary()).isEqualTo("json store '" + file
                + "': no problems found");
    }

    @Test
    void verifyFindsEachProblemAndRepairFixesTheSafeOnes() throws Exception {
        String original = Files.readString(file);
        Files.writeString(file, original
                .replace("\"activeLoops\": [", "\"activeLoops\": [\n    \"ghost001\",")
                .replace("\"name\": \"spec-1\"\n      },", "\"name\": \"spec-9\"\n      },")
                .replace("\"currentScore\": 71", "\"currentScore\": 171"));
        Settings small = StoreFixture.withHistory(settings, 5);

        VerifyReport report = Ops.verify(small, StoreFixture.CLOCK);

        assertThat(report.findings()).map(Finding::line).containsExactly(
                "error: state.json loops[1]: loop 'loop0001': currentScore is 171, which must be between 0 and 100; "
                        + "fix: correct it in the file by hand; --repair does not guess values",
                "error: state.json loops[1].spec: loop 'loop0001' is linked to spec 'spec-9' of project 'demo', which "
                        + "does not exist; fix: 'statekeeper db verify --repair' removes the link",
                "error: state.json activeLoops[0]: the active-loop history lists loop 'ghost001', which does not exist; "
                        + "fix: 'statekeeper db verify --repair' removes the entry",
                "warning: state.json activeLoops: the active-loop history holds 10 entries, more than "
                        + "STATEKEEPER_LOOP_HISTORY_SIZE (5); fix: 'statekeeper db verify --repair' removes the 5 oldest "
                        + "(their loops stay), or raise STATEKEEPER_LOOP_HISTORY_SIZE");

        RepairReport repair = Ops.repair(small, StoreFixture.CLOCK);

        assertThat(repair.backup()).isEqualTo(dir.resolve("backups/pre-repair-20260101T000000Z"));
        assertThat(Files.readString(repair.backup().resolve("state.json"))).contains("\"ghost001\"");
        assertThat(repair.changes()).containsExactly(
                "loop 'loop0001': removed its link to spec 'spec-9' of project 'demo', which does not exist",
                "activeLoops: removed loop 'ghost001', which does not exist",
                "activeLoops: removed the 5 oldest entries beyond STATEKEEPER_LOOP_HISTORY_SIZE (5); their loops are kept");
        assertThat(repair.after().findings()).map(Finding::line).containsExactly(
                "error: state.json loops[1]: loop 'loop0001': currentScore is 171, which must be between 0 and 100; "
                        + "fix: correct it in the file by hand; --repair does not guess values");

        Files.writeString(file, Files.readString(file).replace("\"currentScore\": 171", "\"currentScore\": 71"));
        assertThat(Ops.verify(small, StoreFixture.CLOCK).findings()).isEmpty();
        try (StateStore store = StateStores.open(small, StoreFixture.CLOCK)) {
            assertThat(store.activeLoops()).extracting(l -> l.id())
                    .containsExactly("loop0011", "loop0010", "loop0009", "loop0008", "loop0007");
        }
    }

    @Test
    void whatOnlyTheBackendsStrictReadRefusesIsReportedToo() throws Exception {
        Files.writeString(file, Files.readString(file).replace("\"project\": \"demo\",\n      \"type\"",
                "\"project\": \"demo\",\n      \"colour\": \"red\",\n      \"type\""));

        VerifyReport report = Ops.verify(settings, StoreFixture.CLOCK);

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(Check.JSON_MODEL);
            assertThat(f.what()).startsWith("json store '" + file + "' is corrupt at line ").contains("unknown field 'colour'");
        });
    }

    @Test
    void aFileThatIsNotJsonSaysWhereAndRepairLeavesItAlone() throws Exception {
        Files.writeString(file, Files.readString(file).replaceFirst("\"loops\": \\[", "\"loops\": [ }"));

        RepairReport repair = Ops.repair(settings, StoreFixture.CLOCK);

        assertThat(repair.before().findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(Check.JSON_SYNTAX);
            assertThat(f.where()).matches(java.util.regex.Pattern.quote(file.toString()) + " line \\d+, column \\d+");
            assertThat(f.what()).startsWith("not valid JSON: Unexpected close marker '}'");
            assertThat(f.fix()).isEqualTo("'statekeeper db recover' keeps every complete record (the damaged file is "
                    + "kept); or restore the newest backup: cp '" + file + ".1' '" + file + "'");
        });
        assertThat(repair.backup()).isNull();
        assertThat(repair.notes()).containsExactly("nothing was changed: the file cannot be read as a JSON document; "
                + "run 'statekeeper db recover' (it keeps the damaged file)");
    }
}
