package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.testkit.sql.RawSql;
import dev.statekeeper.testkit.Fixtures;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DATABASE_LEAK_DETECTION_THRESHOLD: a pooled connection held longer than it (here an append waiting for a row
 * lock another client holds) is reported with the thread and the stack of the code that took it. HikariCP
 * cannot watch for less than 2 s, so this test takes that long.
 */
class PostgresLeakDetectionTest {
    private static final Path LOG = Path.of("target", "jdbc-tests.log");

    @Test
    void aConnectionHeldLongerThanTheThresholdIsReportedWithWhereItWasTaken() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        Settings settings = Settings.builder().set(Setting.LEAK_DETECTION, "2").build();
        String thread = "leak-probe-" + UUID.randomUUID();
        try (PostgresStateStore store = FreshPostgresStores.openOn(database, settings, new TestClock());
             Connection other = RawPostgres.connect(database)) {
            String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
            other.setAutoCommit(false);
            RawSql.execute(other, "SELECT id FROM loop_states WHERE id = '" + id + "' FOR UPDATE");
            Thread append = new Thread(() -> store.addFeedback(id, Fixtures.feedback(70)), thread);
            append.start();

            String warning = awaitLogLine("Connection leak detection triggered", thread);
            other.rollback();
            append.join(TimeUnit.SECONDS.toMillis(30));

            assertThat(warning).contains("on thread " + thread);
            assertThat(Files.readString(LOG)).contains("Apparent connection leak detected")
                    .contains("at dev.statekeeper.jdbc.internal.Transactor.once(");
            assertThat(store.getLoop(id).feedback()).hasSize(1);
        }
    }

    /** The first line of the test log that has both texts; fails after 30 s. */
    private static String awaitLogLine(String text, String thread) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(LOG)) {
                for (String line : Files.readAllLines(LOG)) {
                    if (line.contains(text) && line.contains(thread)) {
                        return line;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' for " + thread + " in " + LOG.toAbsolutePath());
    }
}
