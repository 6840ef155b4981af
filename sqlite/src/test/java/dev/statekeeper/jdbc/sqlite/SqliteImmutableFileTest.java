package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A database file nobody may write, as root too: file permissions do not stop root, so this marks the file
 * immutable ({@code chattr +i}, which binds root as well). Skipped only where chattr is not available.
 */
class SqliteImmutableFileTest {
    @TempDir
    Path dir;

    @Test
    void anImmutableFileIsReadOnlyForEveryoneAndReadsStillWork() throws Exception {
        Path file = dir.resolve("state.db");
        Settings settings = Settings.builder().set(Setting.DATABASE_URL, "sqlite:" + file).build();
        try (StateStore store = SqliteStateStore.open(settings, new TestClock())) {
            store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        }
        assumeThat(chattr("+i", file)).as("chattr +i works on this file system").isTrue();
        try (StateStore store = SqliteStateStore.open(settings, new TestClock())) {
            assertThat(store.listLoops(LoopQuery.all()).total()).isEqualTo(1);
            assertThatThrownBy(() -> store.createLoop(NewLoop.of("demo", LoopType.SPEC)))
                    .isInstanceOfSatisfying(StatekeeperException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.READ_ONLY))
                    .hasMessage("create loop failed on sqlite database '" + file + "': [SQLITE_READONLY] "
                            + "Attempt to write a readonly database (attempt to write a readonly database)");
        } finally {
            chattr("-i", file);
        }
    }

    private static boolean chattr(String flag, Path file) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException noChattr) {
            return false;
        }
    }
}
