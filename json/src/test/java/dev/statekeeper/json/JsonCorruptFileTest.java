package dev.statekeeper.json;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.TestClock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A damaged file (the seeds' "SyntaxError: Unexpected token") is never read as an empty store and never written
 * over: opening it fails, and so does every operation of a store that was open when it got damaged.
 */
class JsonCorruptFileTest {
    private final TestClock clock = TestClock.frozen();

    @TempDir
    Path dir;

    private Settings settings() {
        return Settings.builder().set(Setting.DATA_DIR, dir.toString()).build();
    }

    private Path file() {
        return dir.resolve("state.json");
    }

    private String tail() {
        return "; the file is kept as it is and nothing is written over it: run 'statekeeper db recover', "
                + "or restore the newest backup (cp '" + dir.resolve("state.json.1") + "' '" + file() + "')";
    }

    /** A store with a loop and two versions of the file behind it (so there is a backup). */
    private void storeWithOneLoop() {
        try (StateStore store = JsonStateStore.open(settings(), clock)) {
            store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0001"));
        }
    }

    private void assertCorrupt(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(StatekeeperException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT))
                .hasMessage(message);
    }

    private byte[] damage(String from, String to) throws Exception {
        String json = Files.readString(file());
        assertThat(json).contains(from);
        Files.writeString(file(), json.replace(from, to));
        return Files.readAllBytes(file());
    }

    @Test
    void aStrayBraceIsReportedAtItsLineAndColumnAndTheStoreDoesNotOpen() throws Exception {
        storeWithOneLoop();
        byte[] damaged = damage("\"project\": \"demo\",", "\"project\": \"demo\"},");

        assertCorrupt(() -> JsonStateStore.open(settings(), clock), "json store '" + file() + "' is corrupt at line 12, "
                + "column 13: Unexpected character (':' (code 58)): was expecting comma to separate Array entries"
                + tail());
        assertThat(Files.readAllBytes(file())).isEqualTo(damaged);
    }

    @Test
    void aTruncatedFileIsCorrupt() throws Exception {
        storeWithOneLoop();
        byte[] whole = Files.readAllBytes(file());
        Files.write(file(), Arrays.copyOf(whole, 150));

        assertCorrupt(() -> JsonStateStore.open(settings(), clock), "json store '" + file() + "' is corrupt at line 10, "
                + "column 24: Unexpected end-of-input within/between Object entries" + tail());
    }

    @Test
    void anEmptyFileIsCorruptNotAnEmptyStore() throws Exception {
        storeWithOneLoop();
        Files.write(file(), new byte[0]);

        assertCorrupt(() -> JsonStateStore.open(settings(), clock),
                "json store '" + file() + "' is corrupt: the file is empty (0 bytes)" + tail());
        assertThat(file()).isEmptyFile();
    }

    @Test
    void aFieldWithAValueOutsideItsTypeIsNamedWithItsPath() throws Exception {
        storeWithOneLoop();
        damage("\"type\": \"spec\"", "\"type\": \"novel\"");

        assertCorrupt(() -> JsonStateStore.open(settings(), clock), "json store '" + file() + "' is corrupt at line 12, "
                + "column 15 (loops[0].type): invalid type: type = 'novel': must be one of plan, roadmap, spec, "
                + "build_plan, build_code, analyst" + tail());
    }

    @Test
    void aMissingFieldIsCorrupt() throws Exception {
        storeWithOneLoop();
        damage("      \"version\": 1,\n", "");

        assertCorrupt(() -> JsonStateStore.open(settings(), clock), "json store '" + file() + "' is corrupt at line 21, "
                + "column 5 (loops[0].version): field 'version' is missing" + tail());
    }

    @Test
    void aNullWhereARecordNeedsAValueIsCorrupt() throws Exception {
        storeWithOneLoop();
        damage("\"id\": \"loop0001\"", "\"id\": null");

        assertCorrupt(() -> JsonStateStore.open(settings(), clock), "json store '" + file() + "' is corrupt at line 22, "
                + "column 5 (loops[0]): a loop must have an id" + tail());
    }

    @Test
    void aReferenceToARecordThatDoesNotExistIsCorrupt() throws Exception {
        storeWithOneLoop();
        damage("\"activeLoops\": [\n    \"loop0001\"", "\"activeLoops\": [\n    \"loop0002\"");

        assertCorrupt(() -> JsonStateStore.open(settings(), clock),
                "json store '" + file() + "' is corrupt: active loop 'loop0002' does not exist" + tail());
    }

    @Test
    void aJsonFileOfAnotherToolIsNotAStore() throws Exception {
        Files.writeString(file(), "{\"sessions\": []}\n");

        assertCorrupt(() -> JsonStateStore.open(settings(), clock), "json store '" + file() + "' is corrupt: it is not a "
                + "statekeeper json store (it has no \"format\" field, expected 'statekeeper-json'); the file is kept as "
                + "it is and nothing is written over it: run 'statekeeper db recover' (there is no backup)");
        assertThat(Files.readString(file())).isEqualTo("{\"sessions\": []}\n");
    }

    @Test
    void aFileOfANewerFormatIsRefusedAsMigrationDrift() throws Exception {
        storeWithOneLoop();
        damage("\"version\": 2,\n  \"generation\"", "\"version\": 3,\n  \"generation\"");

        assertThatThrownBy(() -> JsonStateStore.open(settings(), clock))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_DRIFT))
                .hasMessage("json store '" + file() + "' has format version 3, newer than this build's 2; "
                        + "use a newer statekeeper");
    }

    @Test
    void aFileDamagedUnderAnOpenStoreFailsEveryOperationAndIsNeverWrittenOver() throws Exception {
        try (StateStore store = JsonStateStore.open(settings(), clock)) {
            Loop loop = store.createLoop(new NewLoop("demo", LoopType.SPEC, "loop0001"));
            String backup = Files.readString(dir.resolve("state.json.1"));
            byte[] whole = Files.readAllBytes(file());
            Files.write(file(), Arrays.copyOf(whole, whole.length / 2));
            byte[] damaged = Files.readAllBytes(file());
            String message = "json store '" + file() + "' is corrupt at line 26, column 5: "
                    + "Unexpected end-of-input in field name" + tail();

            List<ThrowingCallable> operations = List.of(() -> store.getLoop(loop.id()),
                    () -> store.listLoops(LoopQuery.all()), store::info,
                    () -> store.addFeedback(loop.id(), feedback(50)),
                    () -> store.createLoop(NewLoop.of("demo", LoopType.SPEC)),
                    () -> store.startSession(NewSession.named("s1")), () -> store.deleteLoop(loop.id()));
            for (ThrowingCallable operation : operations) {
                assertCorrupt(operation, message);
            }

            assertThat(Files.readAllBytes(file())).isEqualTo(damaged);
            assertThat(Files.readString(dir.resolve("state.json.1"))).isEqualTo(backup);
            assertThat(dir.resolve("state.json.2")).doesNotExist();
        }
    }
}
