package dev.statekeeper.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import dev.statekeeper.core.api.PoolStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store's pool on a real SQLite file: the connection it opens to fail fast is the first it lends (no second one
 * is opened for it), a borrower that waits out the timeout learns the wait it measured and the pool's counts, and a
 * closed pool closes its connections and lends no more. A pool in arrival order lends to its waiters in the order
 * they came, gives the same timeout error, and lets an interrupted waiter go while the others keep their order.
 */
class StorePoolTest {
    /** Long enough that no waiter of a test gives up while the test arranges the queue. */
    private static final Duration PATIENT = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    /** The file's connections, each one it opens recorded. */
    private record Recording(SQLiteDataSource file, List<Connection> opened) implements DelegatingDataSource {
        @Override
        public DataSource delegate() {
            return file;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = file.getConnection();
            opened.add(c);
            return c;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    }

    private Recording file(String name) {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + dir.resolve(name));
        return new Recording(source, new CopyOnWriteArrayList<>());
    }

    private static HikariConfig config(String name, int size) {
        return config(name, size, Duration.ofMillis(250)); // HikariCP's least
    }

    private static HikariConfig config(String name, int size, Duration timeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(timeout.toMillis());
        return config;
    }

    @Test
    void theConnectionOpenedToFailFastIsTheFirstThePoolLendsAndClosingThePoolClosesIt() throws Exception {
        Recording file = file("first.db");
        Connection physical;
        try (StorePool pool = StorePool.open(config("first", 1), file)) {
            assertThat(file.opened()).hasSize(1);
            try (Connection c = pool.getConnection()) {
                physical = c.unwrap(SQLiteConnection.class);
                assertThat(Sql.number(c, "SELECT 41 + ?", 1)).isEqualTo(42);
            }
            assertThat(physical).isSameAs(file.opened().getFirst());
            assertThat(file.opened()).hasSize(1);
            assertThat(pool.stats()).isEqualTo(new PoolStats(0, 1, 0, 1));
        }
        assertThat(physical.isClosed()).isTrue();
    }

    @Test
    void aFileThatCannotBeOpenedFailsTheOpenWithTheDriversError() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");
        Recording file = file("plain/store.db");

        assertThatThrownBy(() -> StorePool.open(config("missing", 1), file))
                .isInstanceOf(SQLException.class)
                .hasMessageStartingWith("[SQLITE_CANTOPEN]");
        assertThat(file.opened()).isEmpty();
        assertThat(notADirectory).hasContent("x");
    }

    @Test
    void aBorrowerThatWaitsOutTheTimeoutGetsTheMeasuredWaitAndTheCountsAsItGaveUp() throws Exception {
        try (StorePool pool = StorePool.open(config("held", 1), file("held.db"));
             Connection held = pool.getConnection()) {
            assertThat(Sql.number(held, "SELECT 1")).isEqualTo(1);

            assertThatThrownBy(pool::getConnection)
                    .isInstanceOfSatisfying(PoolTimeout.class, timeout -> {
                        assertThat(timeout.pool()).isEqualTo("held");
                        assertThat(timeout.total()).isEqualTo(1);
                        assertThat(timeout.counts()).isEqualTo(new PoolStats(1, 0, 0, 1));
                        assertThat(timeout.waitedMillis()).as("spans HikariCP's own wait")
                                .isGreaterThanOrEqualTo(hikarisWait(timeout.getCause().getMessage()));
                    })
                    .hasMessageMatching("held - Connection is not available, request timed out after \\d+ms "
                            + "\\(total=1, active=1, idle=0, waiting=0\\)");
        }
    }

    @Test
    void aClosedPoolLendsNoMore() throws Exception {
        StorePool pool = StorePool.open(config("gone", 2), file("gone.db"));
        pool.close();
        pool.close(); // once is enough; again does nothing

        assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class)
                .hasMessage("the connection pool gone is closed");
    }

    @Test
    void aPoolInArrivalOrderLendsToItsWaitersInTheOrderTheyCameAheadOfTheThreadThatGaveItBack() throws Exception {
        List<String> lent = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> waiters = new ArrayList<>();
        try (StorePool pool = StorePool.openInArrivalOrder(config("fifo", 1, PATIENT), file("fifo.db"))) {
            Connection held = pool.getConnection();
            for (int i = 0; i < 5; i++) {
                String name = "waiter " + i;
                waiters.add(CompletableFuture.runAsync(() -> borrowAndNote(pool, name, lent),
                        task -> Thread.ofPlatform().name(name).start(task)));
                awaitWaiting(pool, i + 1);
            }
            held.close();
            borrowAndNote(pool, "the thread that gave it back", lent); // at once, as a busy writer comes back
            for (CompletableFuture<Void> waiter : waiters) {
                waiter.get(PATIENT.toMillis(), TimeUnit.MILLISECONDS);
            }

            assertThat(lent).containsExactly("waiter 0", "waiter 1", "waiter 2", "waiter 3", "waiter 4",
                    "the thread that gave it back");
            assertThat(pool.stats()).isEqualTo(new PoolStats(0, 1, 0, 1));
        }
    }

    @Test
    void aBorrowerOfAPoolInArrivalOrderThatWaitsOutTheTimeoutGetsAPlainPoolsErrorForItsWholeWait() throws Exception {
        try (StorePool pool = StorePool.openInArrivalOrder(config("held", 1), file("held.db"));
             Connection held = pool.getConnection()) {
            // the first waits its turn with HikariCP; the second in the queue behind it, then with HikariCP if any time is left
            CompletableFuture<Connection> first = CompletableFuture.supplyAsync(() -> borrow(pool), Thread::startVirtualThread);
            CompletableFuture<Connection> second = CompletableFuture.supplyAsync(() -> borrow(pool), Thread::startVirtualThread);

            for (CompletableFuture<Connection> waiter : List.of(first, second)) {
                assertThatThrownBy(waiter::get).isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOfSatisfying(PoolTimeout.class, timeout -> {
                            assertThat(timeout.pool()).isEqualTo("held");
                            assertThat(timeout.total()).isEqualTo(1);
                            assertThat(timeout.getMessage()).as("names the whole wait")
                                    .contains(" timed out after " + timeout.waitedMillis() + "ms ");
                        })
                        .hasMessageMatching("held - Connection is not available, request timed out after \\d+ms "
                                + "\\(total=1, active=1, idle=0, waiting=[0-2]\\)"); // counted while either waits
            }
            assertThat(Sql.number(held, "SELECT 1")).isEqualTo(1);
        }
    }

    @Test
    void anInterruptedWaiterOfAPoolInArrivalOrderGivesUpAndTheOthersKeepTheirTurn() throws Exception {
        List<String> lent = new CopyOnWriteArrayList<>();
        try (StorePool pool = StorePool.openInArrivalOrder(config("stopped", 1, PATIENT), file("stopped.db"))) {
            Connection held = pool.getConnection();
            List<Thread> waiters = new ArrayList<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = "waiter " + i;
                waiters.add(Thread.startVirtualThread(() -> {
                    try {
                        borrowAndNote(pool, name, lent);
                    } catch (CompletionException e) {
                        failures.add(e.getCause());
                        lent.add(name + " interrupted: " + Thread.currentThread().isInterrupted());
                    }
                }));
                awaitWaiting(pool, i + 1);
            }
            // waiter 0 holds the turn and waits with HikariCP, waiters 1 and 2 wait for the turn: each lets go when
            // interrupted, and the turn passes on
            waiters.get(1).interrupt();
            waiters.get(1).join();
            waiters.get(0).interrupt();
            waiters.get(0).join();
            held.close();
            waiters.get(2).join();

            assertThat(lent).containsExactly("waiter 1 interrupted: true", "waiter 0 interrupted: true", "waiter 2");
            assertThat(failures).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(SQLException.class)
                    .hasMessage("stopped - Interrupted during connection acquisition"));
            try (Connection again = pool.getConnection()) {
                assertThat(Sql.number(again, "SELECT 1")).isEqualTo(1);
            }
        }
    }

    /** Borrows a connection, notes who got it, and gives it back. */
    private static void borrowAndNote(StorePool pool, String name, List<String> lent) {
        Connection c = borrow(pool);
        lent.add(name);
        try {
            c.close();
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }

    /** A connection of the pool; a failure as the cause of a CompletionException, as a CompletableFuture has it. */
    private static Connection borrow(StorePool pool) {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }

    /** Returns once the pool counts {@code waiting} borrowers waiting (asking it, never sleeping), within a minute. */
    private static void awaitWaiting(StorePool pool, int waiting) {
        long deadline = System.nanoTime() + PATIENT.toNanos();
        while (pool.stats().waiting() != waiting) {
            assertThat(System.nanoTime()).as("%d waiting: %s", waiting, pool.stats()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static long hikarisWait(String message) {
        Matcher m = Pattern.compile("timed out after (\\d+)ms").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return Long.parseLong(m.group(1));
    }
}
