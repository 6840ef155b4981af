package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.testkit.sql.RawSql;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.testkit.TestClock;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.statekeeper.testkit.Fixtures.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL's failures as Statekeeper error codes, with messages that say cause and fix and hide the password. */
class PostgresErrorsTest {
    private final TestClock clock = new TestClock();

    private static Settings withUrl(String url) {
        return Settings.builder().set(Setting.BACKEND, "postgres").set(Setting.DATABASE_URL, url)
                .set(Setting.POOL_MIN_SIZE, "1").set(Setting.POOL_TIMEOUT, "2").build();
    }

    @Test
    void aMissingDatabaseIsNamedWithTheFixAndWithoutThePassword() {
        int port = FreshPostgresStores.server().port();

        assertThatThrownBy(() -> PostgresStateStore.open(
                withUrl("postgresql://postgres:s3cret@localhost:" + port + "/no_such_db"), clock))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                .hasMessage("open failed on PostgreSQL database 'no_such_db' at localhost:" + port + ": database "
                        + "'no_such_db' does not exist; create it: psql -U postgres -c \"CREATE DATABASE no_such_db;\" "
                        + "and grant it to the user, then run 'statekeeper init'")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain("s3cret"));
    }

    @Test
    void sslRequiredByTheUrlButNotOfferedByTheServerSaysWhichSideToChange() {
        int port = FreshPostgresStores.server().port();
        String database = FreshPostgresStores.migratedDatabase();

        assertThatThrownBy(() -> PostgresStateStore.open(
                withUrl("postgresql://postgres:s3cret@localhost:" + port + "/" + database + "?sslmode=require"), clock))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                .hasMessage("open failed on PostgreSQL database '" + database + "' at localhost:" + port + ": the server "
                        + "does not accept SSL connections but DATABASE_URL asks for sslmode=require; turn ssl on in the "
                        + "server's postgresql.conf, or use sslmode=prefer (or disable) on a trusted network")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain("s3cret"));
    }

    @Test
    void aTableDroppedBehindTheStoresBackIsAMissingSchemaNotAnInternalError() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        try (PostgresStateStore store = FreshPostgresStores.openOn(database, Settings.defaults(), clock);
             java.sql.Connection raw = RawPostgres.connect(database)) {
            dev.statekeeper.testkit.sql.RawSql.execute(raw, "DROP TABLE sessions");

            assertThatThrownBy(() -> store.getSession("s1"))
                    .isInstanceOfSatisfying(StatekeeperException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_DRIFT))
                    .hasMessage("get session 's1' failed on PostgreSQL database '" + database + "' at localhost:"
                            + FreshPostgresStores.server().port() + ": a table is missing (ERROR: relation \"sessions\" "
                            + "does not exist); the schema is not installed or was changed by hand: run 'statekeeper "
                            + "init', and 'statekeeper db migrate status' to compare the applied migrations with this "
                            + "build's");
        }
    }

    @Test
    void aServerThatIsNotThereIsConnectionRefusedNamingHostAndPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int closedPort = port;

        assertThatThrownBy(() -> PostgresStateStore.open(
                withUrl("postgresql://app:s3cret@127.0.0.1:" + closedPort + "/state"), clock))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                .hasMessageStartingWith("open failed on PostgreSQL database 'state' at 127.0.0.1:" + closedPort
                        + ": cannot connect to the server at 127.0.0.1:" + closedPort)
                .hasMessageEndingWith("check that PostgreSQL runs there (pg_isready -h 127.0.0.1 -p " + closedPort
                        + ") and that DATABASE_URL names the right host and port")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain("s3cret"));
    }

    /**
     * A pool of 1 whose connection another borrower holds (a write waiting for a row lock a raw connection holds):
     * the next borrower is told the wait it measured, the pool's name and its counts. The wait is measured, not the
     * configured timeout: it spans HikariCP's own, so it is never less than the figure of HikariCP's message.
     */
    @Test
    void aBorrowerThatWaitsLongerThanThePoolTimeoutIsToldItsMeasuredWaitAndThePoolCounts() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        Settings settings = FreshPostgresStores.settingsFor(database, Settings.builder()
                .set(Setting.POOL_MIN_SIZE, "1").set(Setting.POOL_MAX_SIZE, "1").set(Setting.POOL_TIMEOUT, "1").build());
        try (PostgresStateStore store = PostgresStateStore.open(settings, clock);
             Connection raw = RawPostgres.connect(database)) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            raw.setAutoCommit(false);
            RawSql.execute(raw, "SELECT 1 FROM loop_states WHERE id = '" + loop.id() + "' FOR UPDATE");
            CompletableFuture<?> blocked = CompletableFuture.runAsync(() -> store.addFeedback(loop.id(), feedback(50)));
            awaitLockWaiter(raw);

            assertThatThrownBy(() -> store.getLoop(loop.id()))
                    .isInstanceOfSatisfying(StatekeeperException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
                        assertThat(waited(e.getMessage(), " waited (\\d+) ms;"))
                                .isGreaterThanOrEqualTo(waited(e.getCause().getMessage(), "timed out after (\\d+)ms"));
                    })
                    .hasMessageMatching(Pattern.quote("get loop '" + loop.id() + "' failed on PostgreSQL database '"
                            + database + "' at localhost:" + FreshPostgresStores.server().port() + ": no pooled "
                            + "connection became free within 1 s (DATABASE_POOL_TIMEOUT): waited ") + "\\d+"
                            + Pattern.quote(" ms; pool statekeeper-postgres size 1 (max 1): 1 active, 0 idle, 0 waiting; "
                            + "raise DATABASE_POOL_MAX_SIZE or DATABASE_POOL_TIMEOUT, or look for long transactions in "
                            + "pg_stat_activity"));

            raw.rollback();
            blocked.get();
            assertThat(store.getLoop(loop.id()).feedback()).hasSize(1);
        }
    }

    /** The counts come from the pool as the borrower gave up: every connection of a full pool active, none idle. */
    @Test
    void aPoolTimeoutNamesTheTimeoutAndTheFullPoolsCountsExactly() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        Settings settings = FreshPostgresStores.settingsFor(database, Settings.builder()
                .set(Setting.POOL_MIN_SIZE, "2").set(Setting.POOL_MAX_SIZE, "2").set(Setting.POOL_TIMEOUT, "1")
                .build());
        try (PostgresStateStore store = PostgresStateStore.open(settings, clock);
             Connection raw = RawPostgres.connect(database);
             ExecutorService writers = Executors.newFixedThreadPool(2)) {
            Loop first = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            Loop second = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            raw.setAutoCommit(false);
            RawSql.execute(raw, "SELECT 1 FROM loop_states WHERE id IN ('" + first.id() + "', '" + second.id()
                    + "') FOR UPDATE");
            CompletableFuture<?> one = CompletableFuture.runAsync(() -> store.addFeedback(first.id(), feedback(50)),
                    writers);
            CompletableFuture<?> two = CompletableFuture.runAsync(() -> store.addFeedback(second.id(), feedback(60)),
                    writers);
            awaitLockWaiters(raw, 2);

            try {
                assertThatThrownBy(() -> store.getLoop(first.id()))
                        .isInstanceOfSatisfying(StatekeeperException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                        .hasMessageMatching(Pattern.quote("get loop '" + first.id() + "' failed on PostgreSQL database '"
                                + database + "' at localhost:" + FreshPostgresStores.server().port() + ": no pooled "
                                + "connection became free within 1 s (DATABASE_POOL_TIMEOUT): waited ") + "\\d+"
                                + Pattern.quote(" ms; pool statekeeper-postgres size 2 (max 2): 2 active, 0 idle, "
                                + "0 waiting; raise DATABASE_POOL_MAX_SIZE or DATABASE_POOL_TIMEOUT, or look for long "
                                + "transactions in pg_stat_activity"));
            } finally {
                raw.rollback();
            }
            CompletableFuture.allOf(one, two).get();
            assertThat(store.getLoop(first.id()).feedback()).hasSize(1);
            assertThat(store.poolStats()).hasValueSatisfying(stats -> assertThat(stats.active()).isZero());
        }
    }

    /** The number of milliseconds in a message, found by {@code regex}'s group. */
    private static long waited(String message, String regex) {
        Matcher m = Pattern.compile(regex).matcher(message);
        assertThat(m.find()).as("'%s' in: %s", regex, message).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void aStatementLongerThanTheCommandTimeoutIsCancelled() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        Settings settings = FreshPostgresStores.settingsFor(database, Settings.builder()
                .set(Setting.COMMAND_TIMEOUT, "1").build());
        try (PostgresStateStore store = PostgresStateStore.open(settings, clock);
             Connection raw = RawPostgres.connect(database)) {
            Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
            raw.setAutoCommit(false);
            RawSql.execute(raw, "SELECT 1 FROM loop_states WHERE id = '" + loop.id() + "' FOR UPDATE");

            assertThatThrownBy(() -> CompletableFuture.runAsync(() -> store.addFeedback(loop.id(), feedback(50))).get())
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOfSatisfying(StatekeeperException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE))
                    .hasMessageContaining(": the statement was cancelled after the statement timeout of 1 s "
                            + "(DATABASE_COMMAND_TIMEOUT); find slow queries or locks in pg_stat_activity");
            raw.rollback();
        }
    }

    @Test
    void aStoreSaysWhereItIsWithoutThePasswordAndHowLargeItsDatabaseIs() {
        String database = FreshPostgresStores.migratedDatabase();
        int port = FreshPostgresStores.server().port();
        try (PostgresStateStore store = PostgresStateStore.open(withUrl("postgres://postgres:s3cret@localhost:"
                + port + "/" + database + "?sslmode=disable"), clock)) {
            assertThat(store.info().location())
                    .isEqualTo("postgresql://postgres:****@localhost:" + port + "/" + database + "?sslmode=disable");
            assertThat(store.info().schemaVersion()).isEqualTo("11");
            assertThat(store.info().backend()).isEqualTo("postgres");
            assertThat(store.info().sizes()).containsOnlyKeys("database")
                    .allSatisfy((what, bytes) -> assertThat(bytes).isPositive());
        }
    }

    /** Waits (at most ten seconds) until a statekeeper connection waits for a lock that {@code raw} holds. */
    private static void awaitLockWaiter(Connection raw) throws Exception {
        awaitLockWaiters(raw, 1);
    }

    private static void awaitLockWaiters(Connection raw, int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        try (Connection watcher = RawPostgres.connect(raw.getCatalog())) {
            while (Long.parseLong(RawSql.text(watcher, "SELECT count(*) FROM pg_stat_activity WHERE "
                    + "application_name = 'statekeeper' AND wait_event_type = 'Lock'")) < count) {
                assertThat(Instant.now()).as("a statekeeper connection waiting for the lock").isBefore(deadline);
                Thread.onSpinWait();
            }
        }
    }

    private static String stackText(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t).append('\n');
        }
        return out.toString();
    }

    @Test
    void feedbackWhoseKeyIssuesAreNotStringsIsCorruptNamingTheLoop() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        try (PostgresStateStore store = FreshPostgresStores.openOn(database, Settings.defaults(), clock);
             Connection raw = RawPostgres.connect(database)) {
            String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
            store.addFeedback(id, feedback(70));
            RawSql.execute(raw, "UPDATE critic_feedback SET key_issues = '[{\"a\": 1}]'");

            assertThatThrownBy(() -> store.getLoop(id))
                    .isInstanceOfSatisfying(StatekeeperException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT))
                    .hasMessage("stored feedback of loop '" + id + "' is not valid JSON for List<String>: Cannot "
                            + "deserialize value of type `java.lang.String` from Object value (token "
                            + "`JsonToken.START_OBJECT`)");
        }
    }
}
