package dev.statekeeper.json;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static org.assertj.core.api.Assertions.assertThat;

/** A write that dies halfway leaves the old file or the new one, never a torn one. */
class JsonAtomicWriteTest {
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    private Settings settings() {
        return Settings.builder().set(Setting.DATA_DIR, dir.toString()).build();
    }

    @Test
    void aTemporaryFileLeftByACrashIsIgnoredAndReplacedByTheNextWrite() throws Exception {
        Loop loop;
        try (StateStore store = JsonStateStore.open(settings(), new TestClock())) {
            loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        }
        Path temp = dir.resolve("state.json.tmp");
        Files.writeString(temp, "{\n  \"format\": \"statekeeper-json\",\n  \"version\": 1,\n  \"generation\": 3,\n  \"loo");

        try (StateStore store = JsonStateStore.open(settings(), new TestClock())) {
            assertThat(store.getLoop(loop.id())).isEqualTo(loop);
            store.addFeedback(loop.id(), feedback(50));
        }

        assertThat(temp).doesNotExist();
        assertThat(Json.mapper().readTree(dir.resolve("state.json").toFile()).get("generation").asLong()).isEqualTo(3);
    }

    /**
     * A second JVM appends feedback in a loop and is killed with SIGKILL at a different point each time; the
     * file it leaves always opens, and holds at least every write the writer reported finished (it may have
     * finished more before the signal landed).
     */
    @Test
    void aWriterKilledAtAnyMomentNeverLeavesATornFile() throws Exception {
        Loop loop;
        try (StateStore store = JsonStateStore.open(settings(), Clock.systemUTC())) {
            loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        }
        int finished = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            JavaProcess writer = JavaProcess.start(dir.resolve("writer.err"), FeedbackWriterProcess.class,
                    dir.toString(), loop.id(), "1", "forever");
            writer.go();
            int written = 3 + 7 * kill;
            writer.awaitWritten(written);
            writer.kill(); // while it writes on: it is not waiting for anything
            finished += written;

            try (StateStore store = JsonStateStore.open(settings(), Clock.systemUTC())) {
                assertThat(store.getLoop(loop.id()).feedback().size()).isGreaterThanOrEqualTo(finished);
                finished = store.getLoop(loop.id()).feedback().size();
            }
        }
    }
}
