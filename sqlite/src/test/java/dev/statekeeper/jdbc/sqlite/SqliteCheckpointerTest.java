package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.TransactionControl;
import dev.statekeeper.jdbc.internal.TransactionControl.Work;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write-ahead log is checkpointed by the database's own thread, woken by write commits, while the writer's
 * automatic checkpoint stays a distant fallback; closing still leaves no -wal or -shm file.
 */
class SqliteCheckpointerTest {
    @TempDir
    Path dir;

    @Test
    void commitsAreCheckpointedInTheBackgroundAndTheWriterKeepsOnlyAFallback() throws Exception {
        Path file = dir.resolve("state.db");
        SqliteDatabase database = SqliteDatabase.open(file, Settings.defaults(),
                new SqliteErrorTranslator(file, Duration.ofSeconds(5)));
        try {
            TransactionControl transactions = database.transactionControl();
            try (Connection c = database.writer().getConnection()) {
                assertThat(Sql.number(c, "PRAGMA wal_autocheckpoint")).isEqualTo(Checkpointer.FALLBACK_PAGES);
                Sql.execute(c, "CREATE TABLE t (x TEXT NOT NULL)");
                for (int i = 0; i < 200; i++) {
                    transactions.begin(c, Work.WRITE);
                    Sql.update(c, "INSERT INTO t (x) VALUES (?)", "row " + i);
                    transactions.end(c, Work.WRITE);
                }
            }
            // 200 commits write a few hundred pages to the log, far below the writer's fallback: only the thread copies
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (database.checkpoints() == 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            assertThat(database.checkpoints()).isPositive();
            try (Connection c = database.readers().getConnection()) {
                assertThat(Sql.number(c, "SELECT count(*) FROM t")).isEqualTo(200);
            }
        } finally {
            database.close();
        }
        assertThat(Path.of(file + "-wal")).doesNotExist();
        assertThat(Path.of(file + "-shm")).doesNotExist();
    }
}
