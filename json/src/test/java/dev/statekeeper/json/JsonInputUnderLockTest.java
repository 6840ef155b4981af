package dev.statekeeper.json;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.memory.MemoryStateStore;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static dev.statekeeper.testkit.Fixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A write checks its input before it takes the file's lock: while another process holds the lock, a bad input is
 * VALIDATION_FAILED with the message every backend gives (the memory store's), not DATABASE_BUSY, and nothing is
 * written. A good input still waits for the lock.
 */
class JsonInputUnderLockTest {
    private static final String LOOP = "loop-1";

    /** A write with a bad input, and the message it fails with. */
    private record BadWrite(String name, Consumer<StateStore> write, String message) {
    }

    private static final List<BadWrite> BAD = List.of(
            new BadWrite("create loop", s -> s.createLoop(new NewLoop(" ", LoopType.SPEC, null)),
                    "invalid loop: project = ' ': is required"),
            new BadWrite("add feedback", s -> s.addFeedback(LOOP, feedback(170)),
                    "invalid feedback: overallScore = 170: must be between 0 and 100"),
            new BadWrite("objective feedback", s -> s.putObjectiveFeedback(LOOP, "a\u0000b"),
                    "invalid objective feedback: feedback = 'a\uFFFDb': must not contain NUL (\\u0000) characters"),
            new BadWrite("put spec", s -> s.putSpec("demo", SpecContent.titled("!!!")),
                    "invalid spec: title = '!!!': must contain a letter or digit"),
            new BadWrite("put roadmap", s -> s.putRoadmap("demo", RoadmapContent.titled("x".repeat(256)), null),
                    "invalid roadmap: title = '" + "x".repeat(57) + "...': must be at most 255 characters (has 256)"),
            new BadWrite("put plan", s -> s.putPlan("", plan("vision"), null),
                    "invalid plan: project = '': is required"),
            new BadWrite("start session", s -> s.startSession(NewSession.named("bad name!")),
                    "invalid session: name = 'bad name!': must start with a letter or digit and use only letters, "
                            + "digits and . _ # : / @ + -"),
            new BadWrite("clean loops", s -> s.cleanLoops(Duration.ofDays(-1), false),
                    "invalid clean: olderThan = PT-24H: must be >= 0"),
            new BadWrite("clean sessions", s -> s.cleanSessions(Duration.ofDays(36_501), false),
                    "invalid clean: olderThan = PT876024H: must be at most 100 years"));

    @TempDir
    Path dir;

    @Test
    void aBadInputIsValidationFailedWhileAnotherProcessHoldsTheLockAndNothingIsWritten() throws Exception {
        Settings settings = Settings.builder().set(Setting.DATA_DIR, dir.toString())
                .set(Setting.JSON_LOCK_TIMEOUT, "0.2").build();
        MemoryStateStore memory = new MemoryStateStore(settings, new TestClock());
        memory.createLoop(new NewLoop("demo", LoopType.SPEC, LOOP));
        try (StateStore store = JsonStateStore.open(settings, new TestClock())) {
            store.createLoop(new NewLoop("demo", LoopType.SPEC, LOOP));
            JavaProcess holder = JavaProcess.start(dir.resolve("holder.err"), LockHolderProcess.class, dir.toString());
            List<String> files = files();
            byte[] before = Files.readAllBytes(dir.resolve("state.json"));

            for (BadWrite bad : BAD) {
                StatekeeperException e = catchThrowableOfType(StatekeeperException.class, () -> bad.write().accept(store));
                StatekeeperException expected = catchThrowableOfType(StatekeeperException.class,
                        () -> bad.write().accept(memory));

                assertThat(e).as(bad.name()).isNotNull();
                assertThat(e.code()).as(bad.name() + ": " + e.getMessage()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                assertThat(e.getMessage()).as(bad.name()).isEqualTo(bad.message()).isEqualTo(expected.getMessage());
            }
            assertThat(Files.readAllBytes(dir.resolve("state.json"))).isEqualTo(before);
            assertThat(files()).isEqualTo(files);
            assertThat(Files.readString(dir.resolve("state.json.lock"))).isEqualTo(holder.pid() + "\n");

            StatekeeperException busy = catchThrowableOfType(StatekeeperException.class,
                    () -> store.addFeedback(LOOP, feedback(50)));
            assertThat(busy.code()).as("a good input waits for the lock").isEqualTo(ErrorCode.DATABASE_BUSY);
            holder.go();
            assertThat(holder.finish()).isEmpty();
            assertThat(store.addFeedback(LOOP, feedback(50)).version()).isEqualTo(2);
        }
    }

    private List<String> files() throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.equals("holder.err")).sorted().toList();
        }
    }
}
