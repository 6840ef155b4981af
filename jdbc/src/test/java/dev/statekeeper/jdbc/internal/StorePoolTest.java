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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store's pool on a real SQLite file: the connection it opens to fail fast is the first it lends (no second one
 * is opened for it), a borrower that waits out the timeout learns the wait it measured and the pool's counts, and a
 * closed pool closes its connections and lends no more.
 */
class StorePoolTest {
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
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(250); // HikariCP's least
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

    private static long hikarisWait(String message) {
        Matcher m = Pattern.compile("timed out after (\\d+)ms").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        return Long.parseLong(m.group(1));
    }
}
