package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionQuery;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.events.Change;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.Origin;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.core.events.Via;
import dev.statekeeper.jdbc.internal.RetryPolicy;
import dev.statekeeper.jdbc.internal.SqlErrorTranslator;
import dev.statekeeper.jdbc.internal.TransactionControl;
import dev.statekeeper.jdbc.internal.Transactor;
import dev.statekeeper.jdbc.internal.store.EventRows;
import dev.statekeeper.jdbc.internal.store.JdbcStateStore;
import dev.statekeeper.testkit.Fixtures;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.sql.RawSql;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The change history on SQLite files: followers of one file woken by another store's writes, writes whose commit
 * acknowledgement was lost and that ran again keeping one event, refused writes keeping nothing, and the migration
 * from schema version 6.
 */
@SuppressWarnings("try") // an Origin.Scope is held for its block, never referenced in it
class SqliteEventsTest {
    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();

    private Path file() {
        return dir.resolve("state.db");
    }

    private Settings settings() {
        return Settings.builder().set(Setting.DATABASE_URL, "sqlite:" + file()).set(Setting.EVENTS_POLL, "0.05")
                .build();
    }

    @Test
    void aFollowerOfOneStoreWakesWhenAnotherStoreOnTheFileWrites() throws Exception {
        try (SqliteStateStore writer = SqliteStateStore.open(settings(), clock);
             SqliteStateStore follower = SqliteStateStore.open(settings(), clock)) {
            writer.startSession(NewSession.named("s1"));
            CompletableFuture<Long> woken = CompletableFuture.supplyAsync(() -> {
                try {
                    return follower.events().awaitAfter(1, Duration.ofMinutes(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            writer.endSession("s1");

            assertThat(woken.get(30, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(follower.events().read(EventQuery.all().withAfter(1)).events()).singleElement()
                    .satisfies(e -> assertThat(e.change()).isEqualTo(Change.SESSION_ENDED));
        }
    }

    @Test
    void aRequestKeyUsedThroughOneStoreIsRefusedThroughAnother() {
        Origin keyed = Origin.of(Via.HTTP, "bot").withRequestKey("key-1", "fp");
        try (SqliteStateStore first = SqliteStateStore.open(settings(), clock);
             SqliteStateStore second = SqliteStateStore.open(settings(), clock)) {
            try (Origin.Scope scope = keyed.open()) {
                first.startSession(NewSession.named("s1"));
                assertThatThrownBy(() -> second.startSession(NewSession.named("s2")))
                        .isInstanceOfSatisfying(StatekeeperException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_KEY_IN_USE))
                        .hasMessage("Idempotency-Key 'key-1' was already used by a write that committed; nothing was "
                                + "changed");
            }
            assertThat(second.listSessions(SessionQuery.all()).items()).extracting(Session::name).containsExactly("s1");
            assertThat(second.events().lastSequence()).isEqualTo(1);
        }
    }

    @Test
    void aWriteRefusedAfterItsWorkKeepsNeitherItsChangeNorItsEventNorItsKey() throws Exception {
        try (SqliteStateStore store = SqliteStateStore.open(settings(), clock)) {
            var loop = store.createLoop(NewLoop.of("p1", LoopType.SPEC));
            try (Origin.Scope scope = Origin.of(Via.CLI, "me").withRequestKey("key-2", "fp").open()) {
                assertThatThrownBy(() -> store.addFeedback(loop.id(),
                        Fixtures.feedback(50), 9L))
                        .isInstanceOfSatisfying(StatekeeperException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.STALE_VERSION));
            }
            assertThat(store.requestKeys().find("key-2")).isEmpty();
            assertThat(store.events().lastSequence()).isEqualTo(1);
            try (Connection raw = RawSqlite.connect(file())) {
                assertThat(RawSql.count(raw, "events")).isEqualTo(1);
                assertThat(RawSql.count(raw, "request_keys")).isZero();
                assertThat(RawSql.count(raw, "critic_feedback")).isZero();
            }
        }
    }

    @Test
    void aWriteWhoseCommitWasLostAndThatRanAgainKeepsOneEventAndOneKey() throws Exception {
        SqliteStateStore.open(settings(), clock).close(); // the schema
        try (LostCommitStore store = LostCommitStore.open(file(), settings(), clock)) {
            store.startSession(NewSession.named("s1"));
            store.createLoop(new NewLoop("p1", LoopType.SPEC, "loop-1"));
            store.putSpec("p1", Fixtures.spec("Auth"));

            store.loseNextCommit();
            try (Origin.Scope scope = Origin.of(Via.MCP, "agent").withRequestKey("key-3", "fp").open()) {
                store.endSession("s1"); // run again after the lost commit (Recheck.rerun)
            }
            store.loseNextCommit();
            store.linkLoop("loop-1", "p1", "auth");
            assertThat(store.lostCommits()).isEqualTo(2);

            List<StoreEvent> events = store.events().read(EventQuery.all()).events();
            assertThat(events).extracting(StoreEvent::change).containsExactly(Change.SESSION_STARTED,
                    Change.LOOP_CREATED, Change.SPEC_CREATED, Change.SESSION_ENDED, Change.LOOP_LINKED);
            assertThat(events).extracting(StoreEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(events.get(3).requestKey()).isEqualTo("key-3");
            assertThat(store.requestKeys().find("key-3")).isPresent();
            assertThat(store.events().lastSequence()).isEqualTo(5);
        }
    }

    @Test
    void aFileAtVersion6GetsTheHistoryTablesAndNumbersFromOne() throws Exception {
        Flyway.configure().dataSource("jdbc:sqlite:" + file(), null, null).locations("classpath:db/migration/sqlite")
                .target("6").load().migrate();
        try (Connection raw = RawSqlite.connect(file())) {
            RawSql.execute(raw, "INSERT INTO sessions (name, status, metadata, created_at, updated_at) "
                    + "VALUES ('old', 'active', '{}', 0, 0)");
        }
        try (SqliteStateStore store = SqliteStateStore.open(settings(), clock)) {
            assertThat(store.info().schemaVersion()).isEqualTo("8");
            assertThat(store.events().lastSequence()).isZero();
            store.endSession("old");
            assertThat(store.events().read(EventQuery.all()).events()).singleElement().satisfies(e -> {
                assertThat(e.sequence()).isEqualTo(1);
                assertThat(e.summary()).isEqualTo(Map.of("status", "ended"));
            });
        }
    }

    /**
     * A SQLite store whose next commit is applied and then reported lost (as a connection dropped during COMMIT is),
     * so the transactor retries the write under its recheck.
     */
    static final class LostCommitStore extends JdbcStateStore {
        private final SqliteDatabase database;
        private final LosingControl control;

        private LostCommitStore(SqliteDatabase database, Transactor tx, LosingControl control, Settings settings,
                                TestClock clock) {
            super("sqlite", tx, SqliteDialect.INSTANCE, settings, clock, EventRows.serialized(),
                    settings.seconds(Setting.EVENTS_POLL));
            this.database = database;
            this.control = control;
        }

        static LostCommitStore open(Path file, Settings settings, TestClock clock) {
            SqliteErrorTranslator sqlite = new SqliteErrorTranslator(file, Duration.ofSeconds(5));
            SqlErrorTranslator translator = new SqlErrorTranslator() {
                @Override
                public StatekeeperException translate(String operation, SQLException error) {
                    return sqlite.translate(operation, error);
                }

                @Override
                public Failure classify(SQLException error) {
                    return LosingControl.LOST.equals(error.getSQLState()) ? Failure.CONNECTION_LOST
                            : sqlite.classify(error);
                }
            };
            SqliteDatabase database = SqliteDatabase.open(file, settings, sqlite);
            LosingControl control = new LosingControl(database.transactionControl());
            Transactor tx = new Transactor("sqlite", database.readers(), database.writer(), control, translator,
                    RetryPolicy.from(settings));
            return new LostCommitStore(database, tx, control, settings, clock);
        }

        void loseNextCommit() {
            control.armed.set(1);
        }

        int lostCommits() {
            return control.lost.get();
        }

        @Override
        protected String location() {
            return database.file().toString();
        }

        @Override
        protected String schemaVersion(Connection c) throws SQLException {
            return String.valueOf(dev.statekeeper.jdbc.internal.Sql.number(c, "PRAGMA user_version"));
        }

        @Override
        protected Map<String, Long> sizes(Connection c) {
            return Map.of();
        }

        @Override
        protected void closeDatabase() {
            database.close();
        }
    }

    /** Commits, then (when armed) reports the connection lost, as if the acknowledgement never came. */
    private record LosingControl(TransactionControl real, AtomicInteger armed, AtomicInteger lost)
            implements TransactionControl {
        static final String LOST = "08006";

        LosingControl(TransactionControl real) {
            this(real, new AtomicInteger(), new AtomicInteger());
        }

        @Override
        public void begin(Connection connection, Work work) throws SQLException {
            real.begin(connection, work);
        }

        @Override
        public void end(Connection connection, Work work) throws SQLException {
            real.end(connection, work);
            if (work == Work.WRITE && armed.compareAndSet(1, 0)) {
                lost.incrementAndGet();
                throw new SQLException("the connection was lost while committing (test)", LOST);
            }
        }

        @Override
        public void abort(Connection connection, Work work) throws SQLException {
            real.abort(connection, work);
        }
    }
}
