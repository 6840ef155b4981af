package dev.statekeeper.jdbc.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.statekeeper.core.api.PoolStats;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.sql.RawSql;
import dev.statekeeper.testkit.Fixtures;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store on the application's own DataSource: migrated (or refused) on it, working on it, and leaving it open
 * and as it was; its pool counts where they are knowable; its errors naming the application's pool, any pool.
 */
class PostgresApplicationDataSourceTest {
    private final TestClock clock = new TestClock();

    private static PostgresServer server() {
        return FreshPostgresStores.server();
    }

    /** The application's HikariCP pool on the database. */
    private static HikariDataSource hikari(String database, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("application");
        config.setJdbcUrl(server().jdbcUrl(database));
        config.setUsername(PostgresServer.USER);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(250);
        config.setAutoCommit(false); // the application's default; the store's work runs in auto-commit all the same
        return new HikariDataSource(config);
    }

    private static PGSimpleDataSource plain(String database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"localhost"});
        source.setPortNumbers(new int[] {server().port()});
        source.setDatabaseName(database);
        source.setUser(PostgresServer.USER);
        return source;
    }

    @Test
    void aStoreOnTheApplicationsPoolMigratesItWorksAndLeavesItOpenWhenClosed() throws Exception {
        String database = server().createDatabase();
        try (HikariDataSource application = hikari(database, 3)) {
            String id;
            try (PostgresStateStore store = PostgresStateStore.open(application, Settings.defaults(), clock)) {
                Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
                id = loop.id();
                store.addFeedback(id, Fixtures.feedback(72));

                assertThat(store.getLoop(id).feedback()).extracting(f -> f.overallScore()).containsExactly(72);
                assertThat(store.info().schemaVersion()).isEqualTo("11");
                assertThat(store.info().location()).isEqualTo("postgresql://postgres@localhost:" + server().port() + "/"
                        + database);
                assertThat(store.poolStats()).as("the application's HikariCP pool, idle connections as it fills them")
                        .hasValueSatisfying(stats -> assertThat(stats).extracting(PoolStats::active, PoolStats::waiting,
                                PoolStats::max).containsExactly(0, 0, 3));
            }

            assertThat(application.isClosed()).isFalse();
            try (Connection c = application.getConnection()) {
                assertThat(c.getAutoCommit()).isFalse();
                assertThat(c.isReadOnly()).isFalse();
                assertThat(RawSql.text(c, "SELECT string_agg(id, ',') FROM loop_states")).isEqualTo(id);
                assertThat(RawSql.text(c, "SELECT count(*) FROM critic_feedback")).isEqualTo("1");
            }
        }
    }

    @Test
    void aPlainDataSourceServesTooAndHasNoPoolToCount() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        PGSimpleDataSource application = plain(database);

        try (PostgresStateStore store = PostgresStateStore.open(application, Settings.defaults(), clock)) {
            String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();

            assertThat(store.getLoop(id).project()).isEqualTo("demo");
            assertThat(store.poolStats()).isEmpty();
        }
        try (Connection c = application.getConnection()) {
            assertThat(RawSql.text(c, "SELECT count(*) FROM loop_states")).isEqualTo("1");
        }
    }

    @Test
    void withoutAutoMigrateABehindDatabaseIsRefusedUntilTheApplicationMigratesIt() throws Exception {
        String database = server().createDatabase();
        PGSimpleDataSource application = plain(database);
        Settings settings = Settings.builder().autoMigrate(false).build();

        assertThatThrownBy(() -> PostgresStateStore.open(application, settings, clock))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_DRIFT))
                .hasMessage("PostgreSQL database '" + database + "' at localhost:" + server().port()
                        + " is at schema version 0 but this build needs 11; run 'statekeeper db migrate' or set "
                        + "STATEKEEPER_AUTO_MIGRATE=true");

        PostgresStateStore.migrator(application, settings).migrate(false);

        try (PostgresStateStore store = PostgresStateStore.open(application, settings, clock)) {
            assertThat(store.info().schemaVersion()).isEqualTo("11");
        }
    }

    @Test
    void aDataSourceThatGivesNoConnectionFailsTheOpenNamingIt() {
        PGSimpleDataSource application = plain("no_such_db");

        assertThatThrownBy(() -> PostgresStateStore.open(application, Settings.defaults(), clock))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                .hasMessage("open failed: the application's DataSource (org.postgresql.ds.PGSimpleDataSource) gave no "
                        + "connection to PostgreSQL (FATAL: database \"no_such_db\" does not exist, SQLSTATE 3D000)");
    }

    @Test
    void aDataSourceOfAnotherDatabaseIsRefused(@TempDir Path dir) {
        SQLiteDataSource application = new SQLiteDataSource();
        application.setUrl("jdbc:sqlite:" + dir.resolve("other.db"));

        assertThatThrownBy(() -> PostgresStateStore.open(application, Settings.defaults(), clock))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
                .hasMessage("the application's DataSource (org.sqlite.SQLiteDataSource) reaches SQLite, not PostgreSQL");
    }

    @Test
    void anExhaustedApplicationPoolIsNamedWithItsCountsWhenItIsHikari() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        try (HikariDataSource application = hikari(database, 2);
             PostgresStateStore store = PostgresStateStore.open(application, Settings.defaults(), clock)) {
            String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();

            try (Connection one = application.getConnection(); Connection two = application.getConnection()) {
                assertThat(one.isValid(1) && two.isValid(1)).isTrue();
                assertThatThrownBy(() -> store.getLoop(id))
                        .isInstanceOfSatisfying(StatekeeperException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                        .hasMessageMatching(Pattern.quote("get loop '" + id + "' failed on PostgreSQL database '"
                                + database + "' at localhost:" + server().port() + ": the application's DataSource "
                                + "(com.zaxxer.hikari.HikariDataSource) gave no connection (application - Connection is "
                                + "not available, request timed out after ") + "\\d+" + Pattern.quote("ms (total=2, "
                                + "active=2, idle=0, waiting=0)); its pool: 2 active, 0 idle, 0 waiting (max 2); the pool "
                                + "is the application's: raise its size or its timeout, or look for long transactions "
                                + "in pg_stat_activity"));
            }
            assertThat(store.getLoop(id).id()).isEqualTo(id);
        }
    }

    @Test
    void anExhaustedApplicationPoolIsNamedWhateverPoolItIs() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        BoundedDataSource application = new BoundedDataSource(plain(database), 2);
        try (PostgresStateStore store = PostgresStateStore.open(application, Settings.defaults(), clock)) {
            String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();

            try (Connection one = application.getConnection(); Connection two = application.getConnection()) {
                assertThat(one.isValid(1) && two.isValid(1)).isTrue();
                assertThatThrownBy(() -> store.getLoop(id))
                        .isInstanceOfSatisfying(StatekeeperException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                        .hasMessage("get loop '" + id + "' failed on PostgreSQL database '" + database + "' at localhost:"
                                + server().port() + ": the application's DataSource (" + BoundedDataSource.class.getName()
                                + ") gave no connection (all 2 connections are in use); the pool is the application's: "
                                + "raise its size or its timeout, or look for long transactions in pg_stat_activity");
            }
            assertThat(store.getLoop(id).id()).isEqualTo(id);
        }
    }

    @Test
    void aStatementCancelledByTheApplicationsTimeoutSaysWhoseTimeoutItWas() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        PGSimpleDataSource application = plain(database);
        application.setOptions("-c statement_timeout=500");
        try (PostgresStateStore store = PostgresStateStore.open(application, Settings.defaults(), clock);
             Connection raw = RawPostgres.connect(database)) {
            String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
            raw.setAutoCommit(false);
            RawSql.execute(raw, "SELECT 1 FROM loop_states WHERE id = '" + id + "' FOR UPDATE");

            assertThatThrownBy(() -> store.addFeedback(id, Fixtures.feedback(50)))
                    .isInstanceOfSatisfying(StatekeeperException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                    .hasMessage("add feedback to loop '" + id + "' failed on PostgreSQL database '" + database
                            + "' at localhost:" + server().port() + ": the statement was cancelled (ERROR: canceling "
                            + "statement due to statement timeout), by the statement_timeout of the application's "
                            + "connections or a cancel request; find slow queries or locks in pg_stat_activity, or "
                            + "raise the timeout");
            raw.rollback();
            assertThat(store.addFeedback(id, Fixtures.feedback(50)).feedbackCount()).isEqualTo(1);
        }
    }

    @Test
    void aServerFullOfConnectionsSendsTheOperatorToTheApplicationsPool() throws Exception {
        server().createPasswordRole("application_user", "pw", 2);
        String database = FreshPostgresStores.migratedDatabase();
        server().execute(database, "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO application_user");
        server().execute(database, "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO application_user");
        PGSimpleDataSource application = plain(database);
        application.setUser("application_user");
        application.setPassword("pw");
        Settings once = Settings.builder().set(Setting.RETRY_ATTEMPTS, 1).build();

        try (PostgresStateStore store = PostgresStateStore.open(application, once, clock)) {
            String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
            try (Connection one = application.getConnection(); Connection two = application.getConnection()) {
                assertThat(one.isValid(1) && two.isValid(1)).isTrue();
                assertThatThrownBy(() -> store.getLoop(id))
                        .isInstanceOfSatisfying(StatekeeperException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                        .hasMessage("get loop '" + id + "' failed on PostgreSQL database '" + database + "' at localhost:"
                                + server().port() + ": the server has too many connections (FATAL: too many "
                                + "connections for role \"application_user\"); lower the application pool's maximum "
                                + "size or raise the server's max_connections");
            }
            assertThat(store.getLoop(id).id()).isEqualTo(id);
        }
    }

    /**
     * The smallest pool an application might write: at most {@code size} connections at once, none to wait for;
     * a borrower beyond them is refused with an SQLException of no SQLSTATE, as DBCP, c3p0 or Agroal refuse one.
     */
    private static final class BoundedDataSource implements DataSource {
        private final DataSource source;
        private final int size;
        private final Semaphore free;

        BoundedDataSource(DataSource source, int size) {
            this.source = source;
            this.size = size;
            this.free = new Semaphore(size);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (!free.tryAcquire()) {
                throw new SQLException("all " + size + " connections are in use");
            }
            try {
                Connection physical = source.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("close")) {
                                free.release();
                            }
                            try {
                                return method.invoke(physical, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            } catch (SQLException | RuntimeException e) {
                free.release();
                throw e;
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
