package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.jdbc.internal.RetryPolicy;
import dev.statekeeper.jdbc.internal.StorePool;
import dev.statekeeper.jdbc.internal.Transactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writes wait for the file's one writer connection in the order they came, the thread that just gave it back
 * included; one that waits out DATABASE_POOL_TIMEOUT is told the database is busy, in the pool's words.
 */
class SqliteWriterQueueTest {
    private static final Duration PATIENCE = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    /** The file's connections and writes through them, as the store makes them (without its schema). */
    private record Opened(SqliteDatabase database, Transactor tx) implements AutoCloseable {
        static Opened open(Path file, String poolTimeoutSeconds) {
            Settings settings = Settings.builder().set(Setting.DATABASE_URL, "sqlite:" + file)
                    .set(Setting.POOL_TIMEOUT, poolTimeoutSeconds).build();
            SqliteErrorTranslator translator = new SqliteErrorTranslator(file, Duration.ofSeconds(5));
            SqliteDatabase database = SqliteDatabase.open(file, settings, translator);
            return new Opened(database, new Transactor("sqlite", database.readers(), database.writer(),
                    database.transactionControl(), translator, RetryPolicy.from(settings)));
        }

        StorePool writer() {
            return (StorePool) database.writer();
        }

        @Override
        public void close() {
            tx.close();
            database.close();
        }
    }

    @Test
    void writesWaitingForTheWriterGetItInTheOrderTheyCame() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        try (Opened opened = Opened.open(dir.resolve("state.db"), "60")) {
            Connection held = opened.database().writer().getConnection();
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String name = "writer " + i;
                writers.add(Thread.ofPlatform().name(name).start(() -> write(opened.tx(), name, order)));
                awaitWaiting(opened.writer(), i + 1);
            }
            held.close();
            write(opened.tx(), "the thread that gave it back", order); // at once, as a busy writer comes back
            for (Thread writer : writers) {
                assertThat(writer.join(PATIENCE)).as(writer.getName()).isTrue();
            }

            assertThat(order).containsExactly("writer 0", "writer 1", "writer 2", "writer 3", "writer 4",
                    "the thread that gave it back");
        }
    }

    @Test
    void aWriteThatWaitsOutThePoolTimeoutIsToldTheDatabaseIsBusy() throws Exception {
        Path file = dir.resolve("state.db");
        try (Opened opened = Opened.open(file, "1");
             Connection held = opened.database().writer().getConnection()) {
            assertThatThrownBy(() -> write(opened.tx(), "late", new ArrayList<>()))
                    .isInstanceOfSatisfying(StatekeeperException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_BUSY))
                    .hasMessageMatching(Pattern.quote("late failed on sqlite database '" + file + "': "
                            + "statekeeper-sqlite-writer - Connection is not available, request timed out after ")
                            + "\\d+" + Pattern.quote("ms (total=1, active=1, idle=0, waiting=0)"));
            assertThat(held.isValid(0)).isTrue();
        }
    }

    /** A write transaction named {@code name} that notes its name. */
    private static void write(Transactor tx, String name, List<String> order) {
        tx.write(name, c -> order.add(name));
    }

    /** Returns once the writer's pool counts {@code waiting} borrowers waiting (asking it, never sleeping). */
    private static void awaitWaiting(StorePool writer, int waiting) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (writer.stats().waiting() != waiting) {
            assertThat(System.nanoTime()).as("%d waiting: %s", waiting, writer.stats()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
