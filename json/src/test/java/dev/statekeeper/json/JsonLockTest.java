package dev.statekeeper.json;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writers' lock across processes: a busy store names the pid holding it, and no write of either is lost. */
class JsonLockTest {
    private static final int EACH = 100;

    @TempDir
    Path dir;

    private Settings settings(String lockTimeout) {
        return Settings.builder().set(Setting.DATA_DIR, dir.toString())
                .set(Setting.JSON_LOCK_TIMEOUT, lockTimeout).build();
    }

    private Path file() {
        return dir.resolve("state.json");
    }

    @Test
    void aWriterGivesUpWithDatabaseBusyNamingThePidOfTheProcessHoldingTheLock() throws Exception {
        try (StateStore store = JsonStateStore.open(settings("0.2"), new TestClock())) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            byte[] before = Files.readAllBytes(file());
            JavaProcess holder = JavaProcess.start(dir.resolve("holder.err"), LockHolderProcess.class, dir.toString());

            assertThatThrownBy(() -> store.addFeedback(loop.id(), feedback(50)))
                    .isInstanceOfSatisfying(StatekeeperException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_BUSY))
                    .hasMessage("json store '" + file() + "' is locked by pid " + holder.pid()
                            + "; gave up after the lock timeout of 200 ms (STATEKEEPER_JSON_LOCK_TIMEOUT)");
            assertThat(store.getLoop(loop.id())).isEqualTo(loop);
            assertThat(Files.readAllBytes(file())).isEqualTo(before);
            assertThat(Files.readString(dir.resolve("state.json.lock"))).isEqualTo(holder.pid() + "\n");

            holder.go();
            assertThat(holder.finish()).isEmpty();
            assertThat(store.addFeedback(loop.id(), feedback(50)).version()).isEqualTo(2);
        }
    }

    @Test
    void aWriterWaitsForTheLockWithinTheTimeout() throws Exception {
        try (StateStore store = JsonStateStore.open(settings("60"), new TestClock())) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            JavaProcess holder = JavaProcess.start(dir.resolve("holder.err"), LockHolderProcess.class, dir.toString());

            CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(
                    () -> store.addFeedback(loop.id(), feedback(50)).version());
            holder.go();

            assertThat(waiting.get(60, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(holder.finish()).isEmpty();
        }
    }

    @Test
    @SuppressWarnings("try") // the other thread holds the lock for the block, never referencing it
    void anotherThreadHoldingTheLockPastTheTimeoutIsReportedWithThisProcesssPid() throws Exception {
        try (StateStore store = JsonStateStore.open(settings("0.1"), new TestClock())) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            StoreLock lock = new StoreLock(new StorePaths(file()), Duration.ofSeconds(5));
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
                try (StoreLock.Held h = lock.acquire()) {
                    held.countDown();
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> store.addFeedback(loop.id(), feedback(50)))
                    .hasMessage("json store '" + file() + "' is locked by pid " + ProcessHandle.current().pid()
                            + "; gave up after the lock timeout of 100 ms (STATEKEEPER_JSON_LOCK_TIMEOUT)");

            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            assertThat(store.addFeedback(loop.id(), feedback(50)).version()).isEqualTo(2);
        }
    }

    @Test
    void twoProcessesAppendingToOneLoopLoseNothing() throws Exception {
        try (StateStore store = JsonStateStore.open(settings("60"), Clock.systemUTC())) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            JavaProcess other = JavaProcess.start(dir.resolve("other.err"), FeedbackWriterProcess.class,
                    dir.toString(), loop.id(), "2", String.valueOf(EACH));
            other.go();

            for (int i = 0; i < EACH; i++) {
                store.addFeedback(loop.id(), feedback(1, i % 101));
            }

            other.awaitWritten(EACH);
            assertThat(other.finish()).isEqualTo("done\n");
            Loop after = store.getLoop(loop.id());
            assertThat(after.feedback()).hasSize(2 * EACH);
            assertThat(after.feedback()).filteredOn(f -> f.iteration() == 2).hasSize(EACH);
            assertThat(after.version()).isEqualTo(1 + 2 * EACH);
        }
        try (StateStore reopened = JsonStateStore.open(settings("60"), Clock.systemUTC())) {
            assertThat(reopened.listLoops(LoopQuery.all()).items().getFirst().feedbackCount())
                    .isEqualTo(2 * EACH);
        }
    }
}
