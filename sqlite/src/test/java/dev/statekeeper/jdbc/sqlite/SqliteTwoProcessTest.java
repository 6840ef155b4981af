package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.testkit.SecondJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static org.assertj.core.api.Assertions.assertThat;

/** A real second JVM writes to the same SQLite file while this one does: nothing lost, nothing corrupt. */
class SqliteTwoProcessTest {
    private static final int EACH = 150;

    @TempDir
    Path dir;

    @Test
    void twoProcessesAppendingToOneLoopLoseNothing() throws Exception {
        Path file = dir.resolve("state.db");
        Settings settings = Settings.builder().set(Setting.DATABASE_URL, "sqlite:" + file)
                .set(Setting.SQLITE_BUSY_TIMEOUT, "30").build();
        try (StateStore store = SqliteStateStore.open(settings, Clock.systemUTC())) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            Process other = new ProcessBuilder(SecondJvm.command(FeedbackWriterProcess.class, file.toString(), loop.id(),
                    String.valueOf(EACH))).redirectError(dir.resolve("other.err").toFile()).start();
            BufferedReader fromOther = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(fromOther.readLine()).isEqualTo("ready");
            other.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            other.getOutputStream().flush();

            for (int i = 0; i < EACH; i++) {
                store.addFeedback(loop.id(), feedback(1, i % 101));
            }

            assertThat(other.waitFor(120, TimeUnit.SECONDS)).as("the second process finished").isTrue();
            String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(other.exitValue()).as(() -> readQuietly(dir.resolve("other.err"))).isZero();
            assertThat(output).isEqualTo("done\n");
            Loop after = store.getLoop(loop.id());
            assertThat(after.feedback()).hasSize(2 * EACH);
            assertThat(after.feedback()).filteredOn(f -> f.iteration() == 2).hasSize(EACH);
            assertThat(after.version()).isEqualTo(1 + 2 * EACH);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet check = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            assertThat(check.next()).isTrue();
            assertThat(check.getString(1)).isEqualTo("ok");
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
